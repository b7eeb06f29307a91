package dev.nettool.servers.udp;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;

/** The end of log and discard modes: drops each datagram (counted and shown before it) as handled. */
final class UdpDiscardHandler extends ChannelInboundHandlerAdapter {
  private final UdpServerStats stats;

  UdpDiscardHandler(UdpServerStats stats) {
    this.stats = stats;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    ReferenceCountUtil.release(msg);
    if (stats.handled()) {
      stats.finish();
    }
  }
}
