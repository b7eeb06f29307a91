package dev.nettool.protocols.tls;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.util.Arrays;
import java.util.stream.Collectors;

/** The kinds of key nettool generates, each with the signature algorithm a certificate signed by it uses. */
public enum KeyType {
  EC_P256("ec", "EC P-256"),
  RSA_2048("rsa2048", "RSA 2048");

  private final String optionName;
  private final String display;

  KeyType(String optionName, String display) {
    this.optionName = optionName;
    this.display = display;
  }

  /** The name on the command line: {@code ec}, {@code rsa2048}. */
  public String optionName() {
    return optionName;
  }

  /** How the key is described to people: {@code EC P-256}. */
  public String display() {
    return display;
  }

  /** A fresh key pair from the JDK's own providers. */
  public KeyPair generate(SecureRandom random) {
    try {
      if (this == EC_P256) {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"), random);
        return g.generateKeyPair();
      }
      KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
      g.initialize(2048, random);
      return g.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK cannot generate a " + display + " key", e);
    }
  }

  /** The key type named {@code name} on the command line. */
  public static KeyType ofOptionName(String name) {
    return Arrays.stream(values()).filter(t -> t.optionName.equals(name)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("'" + name + "' is not a key type (" + optionNames() + ")"));
  }

  /** Every command-line name, for help and errors: {@code ec, rsa2048}. */
  public static String optionNames() {
    return Arrays.stream(values()).map(KeyType::optionName).collect(Collectors.joining(", "));
  }

  /**
   * The signature algorithm for certificates signed with {@code key}: SHA-256 with ECDSA or RSA. A CA
   * given by the user may hold any RSA or EC key; other algorithms are refused.
   */
  public static String signatureAlgorithm(PrivateKey key) {
    return switch (key.getAlgorithm()) {
      case "EC" -> "SHA256withECDSA";
      case "RSA" -> "SHA256withRSA";
      default -> throw new IllegalArgumentException("a " + key.getAlgorithm()
          + " key cannot sign certificates here (RSA or EC expected)");
    };
  }
}
