package dev.nettool.protocols.tls;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What {@link CertDirectory} writes into {@code dir}: a server certificate for {@code serverNames}, a client
 * certificate per client name, signed by the CA in {@code caCertificate}/{@code caKey} when given, else by
 * the CA already in {@code dir}, else by a new one.
 *
 * @param dir where the PEM files go (created 0700 when missing)
 * @param serverNames the server certificate's alternative names; the first is its CN
 * @param clients the CN of each client certificate, also its file name ({@code NAME.pem}, {@code NAME-key.pem})
 * @param days how long the server and client certificates are valid; 0 makes them already expired
 * @param keyType the kind of every key generated
 * @param caCertificate a CA certificate to sign with, or {@code null}
 * @param caKey its key, or {@code null}; given exactly when {@code caCertificate} is
 */
public record CertDirectoryConfig(Path dir, List<SubjectName> serverNames, List<String> clients, int days,
    KeyType keyType, Path caCertificate, Path caKey) {
  /** The server names when none are given: {@code localhost}, {@code 127.0.0.1}, {@code ::1}. */
  public static final List<SubjectName> DEFAULT_NAMES = List.of(
      SubjectName.parse("localhost"), SubjectName.parse("127.0.0.1"), SubjectName.parse("::1"));
  /** The most days a certificate may be valid: a hundred years. */
  public static final int MAX_DAYS = 36_500;
  /** The files {@link CertDirectory} writes besides the client ones. */
  static final List<String> FIXED_FILES = List.of("ca.pem", "ca-key.pem", "server.pem", "server-key.pem");

  private static final Pattern CLIENT_NAME = Pattern.compile("[A-Za-z0-9_@+][A-Za-z0-9._@+-]{0,63}");

  public CertDirectoryConfig {
    serverNames = List.copyOf(serverNames);
    clients = List.copyOf(clients);
    if (serverNames.isEmpty()) {
      throw new IllegalArgumentException("the server certificate needs at least one name");
    }
    if (days < 0 || days > MAX_DAYS) {
      throw new IllegalArgumentException("days must be from 0 to " + MAX_DAYS + ", not " + days);
    }
    if ((caCertificate == null) != (caKey == null)) {
      throw new IllegalArgumentException("a CA needs both its certificate and its key");
    }
    Set<String> files = new HashSet<>(FIXED_FILES);
    for (String client : clients) {
      checkClientName(client);
      if (!files.add(certificateFile(client)) || !files.add(keyFile(client))) {
        throw new IllegalArgumentException("client '" + client + "' would write a file named like another one");
      }
    }
  }

  /** The defaults: localhost, 127.0.0.1 and ::1, no clients, 825 days, EC P-256, a CA in {@code dir}. */
  public static CertDirectoryConfig defaults(Path dir) {
    return new CertDirectoryConfig(dir, DEFAULT_NAMES, List.of(), CertificateValidity.LEAF_DAYS, KeyType.EC_P256,
        null, null);
  }

  /**
   * Refuses a client name that is no plain file name: letters, digits and {@code . _ @ + -}, not starting
   * with {@code .} or {@code -}, at most 64 characters.
   */
  public static void checkClientName(String name) {
    if (!CLIENT_NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("'" + name + "' is not a client name (letters, digits and . _ @ + -, "
          + "not starting with . or -, at most 64 characters)");
    }
  }

  static String certificateFile(String name) {
    return name + ".pem";
  }

  static String keyFile(String name) {
    return name + "-key.pem";
  }
}
