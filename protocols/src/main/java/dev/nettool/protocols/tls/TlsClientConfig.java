package dev.nettool.protocols.tls;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * How a TLS client checks its server and shows itself.
 *
 * @param trusted the only CAs trusted ({@code --cacert}); empty means the system's trust store
 * @param insecure trust any certificate for any name ({@code --insecure})
 * @param chain the client's certificate chain, leaf first; empty when it has none
 * @param key the client certificate's key, or {@code null}
 * @param serverName the name sent as SNI and checked against the certificate; {@code null} means the target host
 */
public record TlsClientConfig(List<X509Certificate> trusted, boolean insecure, List<X509Certificate> chain,
    PrivateKey key, String serverName) {

  public TlsClientConfig {
    trusted = List.copyOf(trusted);
    chain = List.copyOf(chain);
    if (chain.isEmpty() != (key == null)) {
      throw new IllegalArgumentException("a client certificate needs its key, and a key its certificate");
    }
  }

  /** Verifies against the system trust store, with no client certificate. */
  public static TlsClientConfig system() {
    return new TlsClientConfig(List.of(), false, List.of(), null, null);
  }

  public TlsClientConfig withTrusted(List<X509Certificate> trusted) {
    return new TlsClientConfig(trusted, insecure, chain, key, serverName);
  }

  public TlsClientConfig withInsecure(boolean insecure) {
    return new TlsClientConfig(trusted, insecure, chain, key, serverName);
  }

  public TlsClientConfig withIdentity(List<X509Certificate> chain, PrivateKey key) {
    return new TlsClientConfig(trusted, insecure, chain, key, serverName);
  }

  public TlsClientConfig withServerName(String serverName) {
    return new TlsClientConfig(trusted, insecure, chain, key, serverName);
  }
}
