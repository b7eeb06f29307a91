package dev.nettool.servers.http;

import dev.nettool.protocols.server.Connections;
import dev.nettool.protocols.tls.CertificateFingerprint;
import dev.nettool.protocols.tls.TlsSessionFacts;
import io.netty.channel.Channel;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.Attribute;
import io.netty.util.AttributeKey;
import java.net.SocketAddress;
import java.security.cert.X509Certificate;

/**
 * What the exchanges of one connection share: its number (as in the events), the peer's address, whether it
 * came over TLS, whether it speaks HTTP/2, and the certificate the client showed ({@code null} for none).
 */
public record HttpConnection(long id, SocketAddress remote, boolean secure, boolean http2,
    ClientCertificate clientCertificate) {
  private static final AttributeKey<HttpConnection> KEY = AttributeKey.valueOf(HttpConnection.class, "facts");

  /** A cleartext or TLS HTTP/1.1 connection without a client certificate. */
  public HttpConnection(long id, SocketAddress remote, boolean secure) {
    this(id, remote, secure, false, null);
  }

  /** A client certificate as {@code /anything} shows it: the subject and the SHA-256 fingerprint. */
  public record ClientCertificate(String subject, String sha256) {}

  /**
   * Whether a file body may go out as a zero-copy region. Only cleartext HTTP/1.1 writes one as it is: TLS
   * must encrypt the bytes and HTTP/2 must frame them, so there the file is read in chunks.
   */
  public boolean fileRegions() {
    return !secure && !http2;
  }

  /**
   * The facts of the connection {@code ch} belongs to: an HTTP/2 stream's are its parent connection's. They
   * are worked out once per connection and kept on it, so the many streams of an HTTP/2 connection do not
   * each ask the TLS session for the client's certificate (with none shown, that asking throws).
   */
  static HttpConnection of(Channel ch) {
    boolean http2 = ch instanceof Http2StreamChannel;
    Channel conn = http2 ? ch.parent() : ch;
    Attribute<HttpConnection> kept = conn.attr(KEY);
    HttpConnection facts = kept.get();
    if (facts == null) {
      SslHandler tls = conn.pipeline().get(SslHandler.class);
      facts = new HttpConnection(Connections.id(conn), conn.remoteAddress(), tls != null, false,
          tls == null ? null : clientCertificate(tls));
      kept.set(facts);
    }
    return http2 ? new HttpConnection(facts.id, facts.remote, facts.secure, true, facts.clientCertificate) : facts;
  }

  private static ClientCertificate clientCertificate(SslHandler tls) {
    X509Certificate x = TlsSessionFacts.clientCertificate(tls.engine());
    return x == null
        ? null
        : new ClientCertificate(x.getSubjectX500Principal().getName(), CertificateFingerprint.sha256(x));
  }
}
