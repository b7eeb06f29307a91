package dev.nettool.servers.udp;

import dev.nettool.protocols.event.EventSink;
import dev.nettool.protocols.event.NetEvents;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/**
 * The pipeline's tail: reports an error as an event and keeps the channel open. UDP has no
 * connection: an error concerns one datagram or one peer (a send that failed, a reply to a peer
 * that went away), and the channel is the whole server, so closing it would stop it for everyone.
 */
final class UdpErrorReporter extends ChannelInboundHandlerAdapter {
  private final EventSink sink;

  UdpErrorReporter(EventSink sink) {
    this.sink = sink;
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    String detail = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    sink.publish(NetEvents.error(null, "datagram", detail));
  }
}
