package dev.nettool.clients.ws;

import dev.nettool.clients.tcp.TcpClientOutputPump;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.util.ReferenceCountUtil;

/** Hands every received message, formatted, to the output pump, which writes it out off the event loop. */
final class WsClientMessageHandler extends ChannelInboundHandlerAdapter {
  private final WsMessageFormat format;
  private final TcpClientOutputPump pump;

  WsClientMessageHandler(WsMessageFormat format, TcpClientOutputPump pump) {
    this.format = format;
    this.pump = pump;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    boolean text = msg instanceof TextWebSocketFrame;
    if (text || msg instanceof BinaryWebSocketFrame) {
      WebSocketFrame frame = (WebSocketFrame) msg;
      try {
        pump.offer(ctx.channel(), format.format(ctx.alloc(), text, frame.content()));
      } finally {
        frame.release();
      }
    } else {
      ReferenceCountUtil.release(msg);
    }
  }
}
