package dev.nettool.servers.tcp;

import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/**
 * Stops reading while the channel is not writable and resumes when it drains, so what a mode writes
 * in answer to reads stays bounded by the write buffer's high-water mark.
 */
@Sharable
final class TcpBackPressureHandler extends ChannelInboundHandlerAdapter {
  static final TcpBackPressureHandler INSTANCE = new TcpBackPressureHandler();

  private TcpBackPressureHandler() {}

  @Override
  public void channelWritabilityChanged(ChannelHandlerContext ctx) {
    // No flush here: a flush can drain the buffer and fire this event again from inside itself,
    // and a stale "off" written after that nested "on" would stall the connection for good.
    // The mode flushes at the end of the read burst anyway.
    ctx.channel().config().setAutoRead(ctx.channel().isWritable());
    ctx.fireChannelWritabilityChanged();
  }
}
