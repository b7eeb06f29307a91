package dev.nettool.clients.ws;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.util.ReferenceCountUtil;

/** Passes on the first N messages received, then starts the close handshake; later messages are dropped. */
final class WsClientCountHandler extends ChannelInboundHandlerAdapter {
  private final long count;
  private final WsClientCloser closer;
  private final int closeCode;
  private final String closeReason;
  private long seen;

  WsClientCountHandler(long count, WsClientCloser closer, int closeCode, String closeReason) {
    this.count = count;
    this.closer = closer;
    this.closeCode = closeCode;
    this.closeReason = closeReason;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (!(msg instanceof TextWebSocketFrame || msg instanceof BinaryWebSocketFrame)) {
      ctx.fireChannelRead(msg);
      return;
    }
    if (seen >= count) {
      ReferenceCountUtil.release(msg);
      return;
    }
    seen++;
    ctx.fireChannelRead(msg);
    if (seen == count) {
      closer.start(ctx.channel(), closeCode, closeReason);
    }
  }
}
