package dev.nettool.clients.http;

import dev.nettool.protocols.event.EventSink;
import dev.nettool.protocols.tls.TlsEvents;
import dev.nettool.protocols.tls.TlsSessionFacts;
import io.netty.channel.Channel;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.FutureListener;
import java.util.Collections;
import java.util.Map;

/**
 * Reports a completed TLS handshake: the {@code tls} event (version, cipher suite, the server certificate's
 * subject, the ALPN protocol chosen or {@code none}), and the same facts into the exchange for the result.
 *
 * <p>A listener on the handshake future rather than a handler of its event: the future completes before the
 * event fires, and this listener, added while the pipeline is assembled, runs before the one that sends the
 * request, so the events come in the order things happened.
 */
final class HttpClientTlsReporter implements FutureListener<Channel> {
  private final EventSink sink;
  private final HttpClientExchange exchange;
  private final SslHandler ssl;
  private final long id;

  HttpClientTlsReporter(EventSink sink, HttpClientExchange exchange, SslHandler ssl, long id) {
    this.sink = sink;
    this.exchange = exchange;
    this.ssl = ssl;
    this.id = id;
  }

  @Override
  public void operationComplete(Future<Channel> handshake) {
    if (!handshake.isSuccess()) {
      return; // the error reporter and the exchange say why
    }
    Map<String, Object> facts = TlsSessionFacts.client(ssl.engine().getSession());
    String alpn = ssl.applicationProtocol();
    facts.put("alpn", alpn == null ? "none" : alpn);
    exchange.tls = Collections.unmodifiableMap(facts);
    sink.publish(TlsEvents.handshake(id, facts));
  }
}
