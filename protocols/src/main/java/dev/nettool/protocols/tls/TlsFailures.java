package dev.nettool.protocols.tls;

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
    String msg = shown.getMessage() == null ? shown.getClass().getSimpleName() : shown.getMessage();
    if (msg.startsWith("No appropriate protocol") || msg.startsWith("Client requested protocol")
        || msg.contains("protocol_version")) {
      return "no protocol in common (TLS 1.2 and 1.3 only): " + msg;
    }
    if (msg.startsWith("Empty client certificate chain") || msg.contains("certificate_required")) {
      return "no client certificate (one is required): " + msg;
    }
    if (msg.startsWith("Received fatal alert: ")) {
      return "the peer refused the handshake (" + msg.substring("Received fatal alert: ".length()) + ")";
    }
    return msg;
  }
}
