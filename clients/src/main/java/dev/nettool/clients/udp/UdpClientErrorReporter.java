package dev.nettool.clients.udp;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/**
 * The pipeline's tail: an error ends the client's run. On a connected UDP socket the kernel reports
 * an ICMP port unreachable for an earlier datagram as an error on the next receive; that is how a
 * client learns nobody listens.
 */
final class UdpClientErrorReporter extends ChannelInboundHandlerAdapter {
  private final UdpClientRun run;

  UdpClientErrorReporter(UdpClientRun run) {
    this.run = run;
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    run.fail(cause);
  }
}
