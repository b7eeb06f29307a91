package dev.nettool.clients.http;

import dev.nettool.protocols.ExitCode;
import dev.nettool.protocols.event.ErrorDetail;
import dev.nettool.protocols.event.EventSink;
import dev.nettool.protocols.event.NetEvents;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import dev.nettool.protocols.tls.TlsFailures;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.http2.Http2Exception;

/**
 * The pipeline's tail: ends the exchange with the connection's first error (a failed TLS handshake is a TLS
 * failure with its reason, a body that does not inflate or a broken HTTP/2 frame a protocol error, a reset
 * another failure), reports it as an event, closes.
 */
final class HttpClientErrorReporter extends ChannelInboundHandlerAdapter {
  private final EventSink sink;
  private final HttpClientExchange exchange;

  HttpClientErrorReporter(EventSink sink, HttpClientExchange exchange) {
    this.sink = sink;
    this.exchange = exchange;
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    if (!exchange.isDone() && TlsFailures.isTls(cause)) {
      String reason = TlsFailures.describe(cause);
      sink.publish(NetEvents.error(null, "tls", reason));
      exchange.fail(ExitCode.TLS, "tls", reason);
    } else if (!exchange.isDone()) {
      String detail = ErrorDetail.of(cause instanceof DecoderException && cause.getCause() != null
          ? cause.getCause() : cause);
      sink.publish(NetEvents.error(null, "connection", detail));
      if (cause instanceof DecoderException || cause instanceof Http2Exception) {
        exchange.fail(ExitCode.PROTOCOL, "malformed response from " + exchange.request.url(), detail);
      } else {
        exchange.fail(ExitCode.FAILURE, "connection to " + exchange.request.url().endpoint().display() + " failed",
            detail);
      }
    }
    ctx.close();
  }
}
