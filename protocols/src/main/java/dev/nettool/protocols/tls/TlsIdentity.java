package dev.nettool.protocols.tls;

import dev.nettool.protocols.ExitCode;
import dev.nettool.protocols.NettoolException;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * A certificate chain (leaf first) and the leaf's key, as a TLS peer shows itself.
 *
 * @param chain the certificates, leaf first
 * @param key the leaf's private key
 */
public record TlsIdentity(List<X509Certificate> chain, PrivateKey key) {
  public TlsIdentity {
    chain = List.copyOf(chain);
  }

  /** Reads the chain and key from PEM files; a key that is not the leaf's is a usage error naming the files. */
  public static TlsIdentity read(Path certFile, Path keyFile) {
    List<X509Certificate> chain = PemFiles.readCertificates(certFile);
    PrivateKey key = PemFiles.readPrivateKey(keyFile);
    if (!KeyPairCheck.matches(chain.get(0).getPublicKey(), key)) {
      throw new NettoolException(ExitCode.USAGE, "cannot use key " + keyFile,
          "it does not belong to the first certificate in " + certFile);
    }
    return new TlsIdentity(chain, key);
  }
}
