package dev.nettool.servers.ws;

import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/**
 * Stops reading while the channel is not writable and resumes when it drains, so that what a mode writes in answer
 * to messages stays bounded by the write buffer's high-water mark.
 */
@Sharable
final class WsBackPressure extends ChannelInboundHandlerAdapter {
  static final WsBackPressure INSTANCE = new WsBackPressure();

  private WsBackPressure() {}

  @Override
  public void channelWritabilityChanged(ChannelHandlerContext ctx) {
    // No flush here: a flush can drain the buffer and fire this event again from inside itself.
    ctx.channel().config().setAutoRead(ctx.channel().isWritable());
    ctx.fireChannelWritabilityChanged();
  }
}
