package dev.nettool.protocols.tls;

import dev.nettool.protocols.ExitCode;
import dev.nettool.protocols.NettoolException;
import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.SupportedCipherSuiteFilter;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SSLException;

/**
 * Builds the {@link SslContext}s every TLS server and client uses: TLS 1.3 and 1.2 only, with the cipher
 * suites of Mozilla's "intermediate" profile (forward secret and AEAD only), on the engine {@link TlsEngine}
 * picks (BoringSSL when it loads) or on the one a caller names. Each context carries its own trust and keys;
 * nothing JVM-wide is changed.
 */
public final class TlsContexts {
  /** The protocol versions offered, newest first. */
  public static final List<String> PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");

  /** Mozilla's intermediate suites by their IANA names; those the engine lacks are left out. */
  public static final List<String> CIPHERS = List.of(
      "TLS_AES_128_GCM_SHA256",
      "TLS_AES_256_GCM_SHA384",
      "TLS_CHACHA20_POLY1305_SHA256",
      "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
      "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
      "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
      "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
      "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256",
      "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256");

  private TlsContexts() {}

  /** A server context on the fastest engine; see {@link #server(TlsServerConfig, TlsEngine)}. */
  public static SslContext server(TlsServerConfig config) {
    return server(config, TlsEngine.current());
  }

  /** A server context for {@code config}'s chain and key, asking for client certificates as it says. */
  public static SslContext server(TlsServerConfig config, TlsEngine engine) {
    return server(config, engine, List.of());
  }

  /** A server context on the fastest engine offering {@code alpn} (most preferred first) when it is not empty. */
  public static SslContext server(TlsServerConfig config, List<String> alpn) {
    return server(config, TlsEngine.current(), alpn);
  }

  /**
   * A server context on {@code engine} for {@code config}'s chain and key, asking for client certificates as it
   * says, and offering {@code alpn} when it is not empty: a client that offers none of them gets no ALPN answer.
   */
  public static SslContext server(TlsServerConfig config, TlsEngine engine, List<String> alpn) {
    SslContextBuilder b = SslContextBuilder.forServer(config.key(), config.chain());
    if (config.clientAuth() != TlsClientAuth.NONE) {
      b.trustManager(config.clientCa())
          .clientAuth(config.clientAuth() == TlsClientAuth.REQUIRE ? ClientAuth.REQUIRE : ClientAuth.OPTIONAL);
    }
    if (!alpn.isEmpty()) {
      b.applicationProtocolConfig(new ApplicationProtocolConfig(ApplicationProtocolConfig.Protocol.ALPN,
          ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
          ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT, alpn));
    }
    return build(restrict(b, engine));
  }

  /** A client context on the fastest engine, without ALPN; see {@link #client(TlsClientConfig, TlsEngine, List)}. */
  public static SslContext client(TlsClientConfig config) {
    return client(config, TlsEngine.current(), List.of());
  }

  /** A client context on {@code engine}, without ALPN. */
  public static SslContext client(TlsClientConfig config, TlsEngine engine) {
    return client(config, engine, List.of());
  }

  /** A client context on the fastest engine offering {@code alpn} (most wanted first) when it is not empty. */
  public static SslContext client(TlsClientConfig config, List<String> alpn) {
    return client(config, TlsEngine.current(), alpn);
  }

  /**
   * A client context that verifies the server's chain (against {@code config}'s CAs, else the system's) and
   * its name, unless {@code insecure}, and offers {@code alpn} when it is not empty; failures carry a plain
   * reason (see {@link TlsFailures}).
   */
  public static SslContext client(TlsClientConfig config, TlsEngine engine, List<String> alpn) {
    SslContextBuilder b = SslContextBuilder.forClient();
    if (!alpn.isEmpty()) {
      b.applicationProtocolConfig(new ApplicationProtocolConfig(ApplicationProtocolConfig.Protocol.ALPN,
          ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
          ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT, alpn));
    }
    if (config.insecure()) {
      b.trustManager(InsecureTrustManagerFactory.INSTANCE).endpointIdentificationAlgorithm(null);
    } else {
      b.trustManager(new TlsVerifyingTrustManager(trustStore(config.trusted())))
          .endpointIdentificationAlgorithm("HTTPS");
    }
    if (config.key() != null) {
      b.keyManager(config.key(), config.chain());
    }
    return build(restrict(b, engine));
  }

  private static SslContextBuilder restrict(SslContextBuilder b, TlsEngine engine) {
    return b.sslProvider(engine.usable().provider())
        .protocols(PROTOCOLS)
        .ciphers(CIPHERS, SupportedCipherSuiteFilter.INSTANCE);
  }

  // null means the JDK's default trust store (cacerts), as TrustManagerFactory.init takes it.
  private static KeyStore trustStore(List<X509Certificate> trusted) {
    if (trusted.isEmpty()) {
      return null;
    }
    try {
      KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
      store.load(null, null);
      for (int i = 0; i < trusted.size(); i++) {
        store.setCertificateEntry("ca-" + i, trusted.get(i));
      }
      return store;
    } catch (Exception e) {
      throw new IllegalStateException("cannot hold certificates in a key store", e);
    }
  }

  private static SslContext build(SslContextBuilder b) {
    try {
      return b.build();
    } catch (SSLException e) {
      throw new NettoolException(ExitCode.USAGE, "tls", "cannot use the TLS material: " + e.getMessage(), e);
    }
  }
}
