package dev.nettool.clients.tcp;

import dev.nettool.protocols.event.ErrorDetail;
import dev.nettool.protocols.event.EventSink;
import dev.nettool.protocols.event.NetEvents;
import dev.nettool.protocols.tls.TlsFailures;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/** The pipeline's tail: records the connection's first error for the result, reports it as an event, closes. */
final class TcpClientErrorReporter extends ChannelInboundHandlerAdapter {
  private final EventSink sink;
  private final TcpClientState state;

  TcpClientErrorReporter(EventSink sink, TcpClientState state) {
    this.sink = sink;
    this.state = state;
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    // Once the expectation is met, or the peer has finished, the exchange is over: a reset as the connection
    // closes (writes the peer no longer wanted) changes nothing about it.
    if (!state.expectationMet && !state.peerEnded && state.error == null) {
      boolean tls = TlsFailures.isTls(cause);
      String detail = tls ? TlsFailures.describe(cause) : describe(cause);
      sink.publish(NetEvents.error(TcpClientReporter.ID, tls ? "tls" : "connection", detail));
      state.fail(detail);
      state.tlsFailed = tls;
    }
    ctx.close();
  }

  static String describe(Throwable cause) {
    return ErrorDetail.of(cause);
  }
}
