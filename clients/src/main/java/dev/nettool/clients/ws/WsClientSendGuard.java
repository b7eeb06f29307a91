package dev.nettool.clients.ws;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.util.ReferenceCountUtil;

/**
 * Notes when our close frame goes out, and drops every frame written after it (RFC 6455 allows nothing after
 * it): a line read from stdin while the count ran out, say. The write succeeds as far as the writer is concerned.
 * Frames are seen here in the order they go out, whichever thread wrote them.
 */
final class WsClientSendGuard extends ChannelOutboundHandlerAdapter {
  private final WsClientState state;

  WsClientSendGuard(WsClientState state) {
    this.state = state;
  }

  @Override
  public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
    if (msg instanceof CloseWebSocketFrame) {
      state.closeSent = true;
    } else if (state.closeSent && msg instanceof WebSocketFrame) {
      ReferenceCountUtil.release(msg);
      promise.trySuccess();
      return;
    }
    ctx.write(msg, promise);
  }
}
