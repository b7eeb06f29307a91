package dev.nettool.servers.ws;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.util.ReferenceCountUtil;

/**
 * Once this side has sent its Close frame, lets only the peer's Close through either way: RFC 6455 (5.5.1) allows
 * no data frame after Close, and a frame that was already read when a violation was found must not be echoed.
 */
final class WsCloseGate extends ChannelDuplexHandler {
  private boolean closeSent;

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (closeSent && !(msg instanceof CloseWebSocketFrame) && msg instanceof WebSocketFrame) {
      ReferenceCountUtil.release(msg);
      return;
    }
    ctx.fireChannelRead(msg);
  }

  @Override
  public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
    if (msg instanceof CloseWebSocketFrame) {
      if (closeSent) {
        ReferenceCountUtil.release(msg);
        promise.trySuccess();
        return;
      }
      closeSent = true;
    } else if (closeSent && msg instanceof WebSocketFrame) {
      // Dropped, not failed: a failed void promise would turn a late echo into an error event.
      ReferenceCountUtil.release(msg);
      promise.trySuccess();
      return;
    }
    ctx.write(msg, promise);
  }
}
