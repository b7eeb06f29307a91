package dev.nettool.servers.ws;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.util.ReferenceCountUtil;

/**
 * Fails a frame with reserved bits that no negotiated extension consumed, with 1002. Netty's frame decoder checks
 * the bits only while extensions are off; with {@code --compress} offered it lets them all through, and the
 * permessage-deflate decoder, when negotiated, clears RSV1 of what it inflated: whatever still has a bit set here
 * is a violation.
 */
@Sharable
final class WsReservedBitsGuard extends ChannelInboundHandlerAdapter {
  static final WsReservedBitsGuard INSTANCE = new WsReservedBitsGuard();

  private WsReservedBitsGuard() {}

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (msg instanceof WebSocketFrame frame && frame.rsv() != 0) {
      String reason = "reserved bits " + frame.rsv() + " set without an extension for them";
      ReferenceCountUtil.release(msg);
      ctx.writeAndFlush(new CloseWebSocketFrame(WebSocketCloseStatus.PROTOCOL_ERROR, reason))
          .addListener(ChannelFutureListener.CLOSE);
      ctx.fireExceptionCaught(new CorruptedWebSocketFrameException(WebSocketCloseStatus.PROTOCOL_ERROR, reason));
      return;
    }
    ctx.fireChannelRead(msg);
  }
}
