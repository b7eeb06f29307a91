package dev.nettool.protocols.tls;

import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslProvider;
import java.util.Locale;

/**
 * The TLS engines a context can be built on. BoringSSL through netty-tcnative is the default when its native
 * library loads on this machine: it makes new sessions about twice as fast as the JDK's engine (see the
 * README's TLS benchmark). The JDK's engine is the fallback, and the engine for byte streams whose peer may
 * finish sending and go on reading ({@link #forHalfClose()}). The system property {@code nettool.tls.engine}
 * ({@code auto}, {@code openssl}, {@code jdk}) overrides the default, for comparisons; asking for
 * {@code openssl} where it cannot load falls back to the JDK's engine too.
 */
public enum TlsEngine {
  /** BoringSSL via netty-tcnative-boringssl-static. */
  OPENSSL(SslProvider.OPENSSL),
  /** The JDK's own SSLEngine. */
  JDK(SslProvider.JDK);

  /** The system property that overrides the automatic choice. */
  public static final String PROPERTY = "nettool.tls.engine";

  private final SslProvider provider;

  TlsEngine(SslProvider provider) {
    this.provider = provider;
  }

  SslProvider provider() {
    return provider;
  }

  /** The default engine: decided once, on first use, since loading the native library is not free. */
  public static TlsEngine current() {
    return Choice.ENGINE;
  }

  /**
   * The engine for raw byte streams (tcp-server, tcp-echo, tcp-client): the JDK's. Netty's BoringSSL engine
   * closes both directions when the peer's close_notify arrives, so an echo would lose whatever it had not yet
   * written back; the JDK's engine keeps the write side open under TLS 1.3, as a TCP half-close does.
   */
  public static TlsEngine forHalfClose() {
    return JDK;
  }

  /** This engine if it can run here, else the JDK's. */
  TlsEngine usable() {
    return this == OPENSSL && !OpenSsl.isAvailable() ? JDK : this;
  }

  /** Why the native engine is not in use, or null when it is (or was not wanted). */
  public static String fallbackReason() {
    return Choice.REASON;
  }

  /** Lowercase name, as the events and {@code --version} print it. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  private static final class Choice {
    static final TlsEngine ENGINE;
    static final String REASON;

    static {
      String wanted = System.getProperty(PROPERTY, "auto").trim().toLowerCase(Locale.ROOT);
      if (wanted.equals("jdk")) {
        ENGINE = JDK;
        REASON = null;
      } else if (OpenSsl.isAvailable()) {
        ENGINE = OPENSSL;
        REASON = null;
      } else {
        ENGINE = JDK;
        Throwable cause = OpenSsl.unavailabilityCause();
        REASON = cause == null ? "the native TLS library is not available" : String.valueOf(cause.getMessage());
      }
    }
  }
}
