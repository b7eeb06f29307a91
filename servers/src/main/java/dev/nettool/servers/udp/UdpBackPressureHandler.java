package dev.nettool.servers.udp;

import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/**
 * Echo mode: stops reading while echoes cannot be written and resumes once they drain. Meanwhile
 * the kernel drops what overflows the socket's receive buffer, as UDP allows, instead of our
 * queue of pending echoes growing without bound.
 */
@Sharable
final class UdpBackPressureHandler extends ChannelInboundHandlerAdapter {
  static final UdpBackPressureHandler INSTANCE = new UdpBackPressureHandler();

  private UdpBackPressureHandler() {}

  @Override
  public void channelWritabilityChanged(ChannelHandlerContext ctx) {
    if (ctx.channel().isWritable()) {
      ctx.channel().config().setAutoRead(true);
    } else {
      // Stop first: if the flush drains everything at once, the writable event it fires from
      // inside flush() turns reading back on, and nothing may turn it off again after that.
      ctx.channel().config().setAutoRead(false);
      ctx.flush();
    }
    ctx.fireChannelWritabilityChanged();
  }
}
