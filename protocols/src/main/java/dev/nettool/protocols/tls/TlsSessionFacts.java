package dev.nettool.protocols.tls;

import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;

/** What a completed handshake settled, as event fields: version, cipher suite, SNI, the peer's certificate. */
public final class TlsSessionFacts {
  private TlsSessionFacts() {}

  /**
   * On a server: {@code tls}, {@code cipher}, {@code sni} (the name asked for, or {@code none}) and, when the
   * client showed a certificate, {@code client} (its subject) and {@code clientSha256}.
   */
  public static Map<String, Object> server(SSLEngine engine) {
    SSLSession session = engine.getSession();
    Map<String, Object> facts = common(session);
    facts.put("sni", requestedName(session));
    X509Certificate peer = clientCertificate(engine);
    if (peer != null) {
      facts.put("client", peer.getSubjectX500Principal().getName());
      facts.put("clientSha256", CertificateFingerprint.sha256(peer));
    }
    return facts;
  }

  /** On a client: {@code tls}, {@code cipher} and the server certificate's {@code subject}. */
  public static Map<String, Object> client(SSLSession session) {
    Map<String, Object> facts = common(session);
    X509Certificate peer = peerCertificate(session);
    if (peer != null) {
      facts.put("subject", peer.getSubjectX500Principal().getName());
    }
    return facts;
  }

  private static Map<String, Object> common(SSLSession session) {
    Map<String, Object> facts = new LinkedHashMap<>();
    facts.put("tls", session.getProtocol());
    facts.put("cipher", session.getCipherSuite());
    return facts;
  }

  private static String requestedName(SSLSession session) {
    if (session instanceof ExtendedSSLSession extended) {
      for (SNIServerName name : extended.getRequestedServerNames()) {
        if (name instanceof SNIHostName host) {
          return host.getAsciiName();
        }
      }
    }
    return "none";
  }

  /**
   * The certificate the client showed a server's engine, or null. A server that asks for none is not asked: with
   * no certificate shown, the session answers by throwing, stack trace and all, once per connection.
   */
  public static X509Certificate clientCertificate(SSLEngine engine) {
    return engine.getNeedClientAuth() || engine.getWantClientAuth() ? peerCertificate(engine.getSession()) : null;
  }

  private static X509Certificate peerCertificate(SSLSession session) {
    try {
      Certificate[] chain = session.getPeerCertificates();
      return chain.length > 0 && chain[0] instanceof X509Certificate x ? x : null;
    } catch (SSLPeerUnverifiedException e) {
      return null; // the peer showed no certificate
    }
  }
}
