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
    if (ctx.channel().isWritable()) {
      ctx.channel().config().setAutoRead(true);
    } else {
      ctx.flush();
      ctx.channel().config().setAutoRead(false);
    }
    ctx.fireChannelWritabilityChanged();
  }
}
