package dev.nettool.clients.http;

import dev.nettool.protocols.tls.TlsClientConfig;
import dev.nettool.protocols.tls.TlsContexts;
import io.netty.channel.Channel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import java.util.List;

/**
 * The TLS side of {@code https://} connections: one client context, built on first use (loading the system's
 * CAs takes a moment a plain-http run should not pay) and shared by every connection of the run. It offers
 * {@code h2} before {@code http/1.1} by ALPN when HTTP/2 is wanted, {@code http/1.1} alone otherwise.
 */
final class HttpClientTls {
  /** The ALPN name of HTTP/2 over TLS. */
  static final String H2 = "h2";
  static final String HTTP_1_1 = "http/1.1";

  private final TlsClientConfig config;
  private final List<String> alpn;
  private SslContext context;

  HttpClientTls(TlsClientConfig config, boolean http2) {
    this.config = config;
    this.alpn = http2 ? List.of(H2, HTTP_1_1) : List.of(HTTP_1_1);
  }

  /** Builds the context unless it is built; material the engine refuses is a usage error. */
  synchronized void prepare() {
    if (context == null) {
      context = TlsContexts.client(config, alpn);
    }
  }

  /**
   * A handler for one connection to {@code url}, naming the server for SNI and the certificate check by
   * {@code --servername} or else the URL's host.
   */
  synchronized SslHandler newHandler(Channel ch, HttpUrl url) {
    prepare();
    String name = config.serverName() != null ? config.serverName() : url.host();
    return context.newHandler(ch.alloc(), name, url.port());
  }

  /** Whether the handshake of {@code ssl} settled on HTTP/2. */
  static boolean negotiatedH2(SslHandler ssl) {
    return H2.equals(ssl.applicationProtocol());
  }
}
