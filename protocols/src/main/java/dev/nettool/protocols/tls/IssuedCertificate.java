package dev.nettool.protocols.tls;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * A certificate with its private key and the chain a peer is sent.
 *
 * @param certificate the leaf
 * @param key its private key
 * @param chain the leaf first, then the CA that signed it
 */
public record IssuedCertificate(X509Certificate certificate, PrivateKey key, List<X509Certificate> chain) {
  public IssuedCertificate {
    chain = List.copyOf(chain);
  }
}
