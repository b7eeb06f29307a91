package dev.nettool.servers.ws;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;

/**
 * Answers control frames: a ping with a pong carrying its payload, a Close with a Close echoing the peer's code
 * (an empty one for an empty one), after which the connection closes. When this side had sent its Close first,
 * {@link WsCloseGate} drops the answer and the peer's Close just ends the connection. Pongs stop here.
 */
@Sharable
final class WsControlHandler extends ChannelInboundHandlerAdapter {
  static final WsControlHandler INSTANCE = new WsControlHandler();

  private WsControlHandler() {}

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (msg instanceof PingWebSocketFrame ping) {
      ctx.writeAndFlush(new PongWebSocketFrame(ping.content()));
    } else if (msg instanceof PongWebSocketFrame pong) {
      pong.release();
    } else if (msg instanceof CloseWebSocketFrame close) {
      int code = close.statusCode();
      close.release();
      CloseWebSocketFrame answer = code < 0 ? new CloseWebSocketFrame() : new CloseWebSocketFrame(code, "");
      ctx.writeAndFlush(answer).addListener(ChannelFutureListener.CLOSE);
    } else {
      ctx.fireChannelRead(msg);
    }
  }
}
