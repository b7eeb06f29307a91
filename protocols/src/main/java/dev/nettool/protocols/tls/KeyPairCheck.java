package dev.nettool.protocols.tls;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;

/** Whether a private key belongs to a public key (a certificate's): sign a message with one, verify with the other. */
public final class KeyPairCheck {
  private static final byte[] PROBE = "nettool key check".getBytes(StandardCharsets.US_ASCII);

  private KeyPairCheck() {}

  /** True when {@code key} made a signature that {@code publicKey} verifies; false for any mismatch. */
  public static boolean matches(PublicKey publicKey, PrivateKey key) {
    if (!publicKey.getAlgorithm().equals(key.getAlgorithm())) {
      return false;
    }
    try {
      String algorithm = KeyType.signatureAlgorithm(key);
      Signature signer = Signature.getInstance(algorithm);
      signer.initSign(key);
      signer.update(PROBE);
      byte[] signature = signer.sign();
      Signature verifier = Signature.getInstance(algorithm);
      verifier.initVerify(publicKey);
      verifier.update(PROBE);
      return verifier.verify(signature);
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      return false;
    }
  }
}
