package dev.nettool.servers.tcp;

import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.util.ReferenceCountUtil;

/** Drops what arrives (the reporter before it has counted it); finishes when the peer does. */
@Sharable
final class DiscardHandler extends ChannelInboundHandlerAdapter {
  static final DiscardHandler INSTANCE = new DiscardHandler();

  private DiscardHandler() {}

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    ReferenceCountUtil.release(msg);
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
    if (evt == ChannelInputShutdownEvent.INSTANCE) {
      TcpConnections.finish(ctx);
    }
    ctx.fireUserEventTriggered(evt);
  }
}
