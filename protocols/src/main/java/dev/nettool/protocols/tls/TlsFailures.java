package dev.nettool.protocols.tls;

import java.util.Locale;
import javax.net.ssl.SSLException;

/** A failed TLS handshake's reason in plain words, for the {@code tls: <reason>} line and event. */
public final class TlsFailures {
  private TlsFailures() {}

  /** Whether {@code cause} (or what it wraps) is a TLS failure. */
  public static boolean isTls(Throwable cause) {
    for (Throwable t = cause; t != null; t = t.getCause()) {
      if (t instanceof SSLException || t instanceof TlsCertificateRejected) {
        return true;
      }
    }
    return false;
  }

  /** The reason: our certificate verdict when there is one, else the engine's words made plainer. */
  public static String describe(Throwable cause) {
    SSLException ssl = null;
    for (Throwable t = cause; t != null; t = t.getCause()) {
      if (t instanceof TlsCertificateRejected rejected) {
        return rejected.getMessage();
      }
      if (ssl == null && t instanceof SSLException s) {
        ssl = s;
      }
    }
    if (ssl == null && cause instanceof java.nio.channels.ClosedChannelException) {
      return "the peer closed the connection during the handshake";
    }
    Throwable shown = ssl != null ? ssl : cause;
    String msg = plain(shown.getMessage() == null ? shown.getClass().getSimpleName() : shown.getMessage());
    if (msg.startsWith("No appropriate protocol") || msg.startsWith("Client requested protocol")
        || msg.contains("protocol_version") || msg.contains("unsupported_protocol")) {
      return "no protocol in common (TLS 1.2 and 1.3 only): " + msg;
    }
    if (msg.startsWith("Empty client certificate chain") || msg.contains("certificate_required")
        || msg.contains("peer_did_not_return_a_certificate")) {
      return "no client certificate (one is required): " + msg;
    }
    if (msg.startsWith("Received fatal alert: ")) {
      return "the peer refused the handshake (" + msg.substring("Received fatal alert: ".length()) + ")";
    }
    if (msg.startsWith("tlsv1_alert_")) {
      return "the peer refused the handshake (" + msg.substring("tlsv1_alert_".length()) + ")";
    }
    return msg;
  }

  /**
   * The JDK engine's words as they are; BoringSSL's {@code error:1000045c:SSL routines:OPENSSL_internal:REASON}
   * shortened to its lowercased reason ({@code tlsv1_alert_certificate_required}).
   */
  private static String plain(String msg) {
    if (msg.startsWith("error:") && msg.chars().filter(c -> c == ':').count() >= 4) {
      return msg.substring(msg.lastIndexOf(':') + 1).trim().toLowerCase(Locale.ROOT);
    }
    return msg;
  }
}
