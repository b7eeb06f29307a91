package dev.nettool.servers.udp;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.channel.socket.DatagramPacket;

/** The pipeline's head: counts the bytes of every datagram in and out for the summary. */
final class UdpTrafficCounter extends ChannelDuplexHandler {
  private final UdpServerStats stats;

  UdpTrafficCounter(UdpServerStats stats) {
    this.stats = stats;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (msg instanceof DatagramPacket packet) {
      stats.received(packet.content().readableBytes());
    }
    ctx.fireChannelRead(msg);
  }

  @Override
  public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
    if (msg instanceof DatagramPacket packet) {
      stats.sent(packet.content().readableBytes());
    }
    ctx.write(msg, promise);
  }
}
