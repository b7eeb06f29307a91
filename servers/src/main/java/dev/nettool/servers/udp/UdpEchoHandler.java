package dev.nettool.servers.udp;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.DatagramPacket;
import io.netty.util.ReferenceCountUtil;

/**
 * Sends each datagram back to its sender: the received buffer itself moves into the reply (no
 * copy), and the replies of one read burst are flushed together.
 */
final class UdpEchoHandler extends ChannelInboundHandlerAdapter {
  private final UdpServerStats stats;

  UdpEchoHandler(UdpServerStats stats) {
    this.stats = stats;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (!(msg instanceof DatagramPacket packet)) {
      ReferenceCountUtil.release(msg);
      return;
    }
    DatagramPacket echo = new DatagramPacket(packet.content().retain(), packet.sender());
    packet.release();
    if (stats.handled()) {
      // The run may end on this datagram: finish once its echo is out, not when it was queued.
      ctx.write(echo).addListener(f -> stats.finish());
    } else {
      ctx.write(echo, ctx.voidPromise());
    }
  }

  @Override
  public void channelReadComplete(ChannelHandlerContext ctx) {
    ctx.flush();
    ctx.fireChannelReadComplete();
  }
}
