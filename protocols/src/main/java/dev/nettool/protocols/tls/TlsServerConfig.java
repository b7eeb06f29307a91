package dev.nettool.protocols.tls;

import dev.nettool.protocols.ExitCode;
import dev.nettool.protocols.NettoolException;
import dev.nettool.protocols.event.EventSink;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;

/**
 * A TLS server's material: its certificate chain (leaf first) and key, the CA file a client may trust
 * (known when the material was generated), and whom it asks for client certificates.
 *
 * @param chain the server's certificate chain, leaf first
 * @param key the leaf's private key
 * @param caFile the CA that issued the chain, for clients to trust; {@code null} when not known
 * @param clientCa the CAs client certificates must chain to; empty when none are asked for
 * @param clientAuth whether client certificates are asked for
 */
public record TlsServerConfig(List<X509Certificate> chain, PrivateKey key, Path caFile,
    List<X509Certificate> clientCa, TlsClientAuth clientAuth) {

  public TlsServerConfig {
    chain = List.copyOf(chain);
    clientCa = List.copyOf(clientCa);
    if (clientAuth != TlsClientAuth.NONE && clientCa.isEmpty()) {
      throw new IllegalArgumentException("client certificates are asked for but no CA is given to check them");
    }
  }

  /** The chain and key in PEM files ({@code --cert --key}); a key that is not the leaf's is a usage error. */
  public static TlsServerConfig fromFiles(Path certFile, Path keyFile) {
    TlsIdentity identity = TlsIdentity.read(certFile, keyFile);
    return new TlsServerConfig(identity.chain(), identity.key(), null, List.of(), TlsClientAuth.NONE);
  }

  /**
   * A CA and a server certificate for localhost, 127.0.0.1 and ::1 made now into {@code dir} (a CA already
   * there signs again), or into a fresh private temporary directory when {@code dir} is {@code null}: that one
   * is the process's own, and goes with its files when the process exits (as with {@code System.exit} or
   * on SIGTERM; a SIGKILL leaves it).
   */
  public static TlsServerConfig generate(Path dir) {
    Path target = dir != null ? dir : freshPrivateDir();
    CertDirectoryResult made = new CertDirectory(CertDirectoryConfig.defaults(target), EventSink.discard())
        .write(Instant.now());
    TlsServerConfig files = fromFiles(made.serverCertificate(), made.serverKey());
    return new TlsServerConfig(files.chain(), files.key(), made.caCertificate(), List.of(), TlsClientAuth.NONE);
  }

  /** The same material, asking clients for a certificate issued by one of {@code ca}. */
  public TlsServerConfig withClientAuth(List<X509Certificate> ca, TlsClientAuth auth) {
    return new TlsServerConfig(chain, key, caFile, ca, auth);
  }

  private static Path freshPrivateDir() {
    try {
      Path dir = Files.createTempDirectory("nettool-tls-",
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
      Runtime.getRuntime().addShutdownHook(new Thread(new RemoveAtExit(dir), "nettool-tls-dir-removal"));
      return dir;
    } catch (IOException e) {
      throw new NettoolException(ExitCode.FAILURE, "cannot create a directory for the TLS certificate",
          String.valueOf(e.getMessage()), e);
    }
  }

  /**
   * Removes a directory made for one process's certificates, and the files in it (it has no subdirectories).
   * A file that cannot be removed is left: the process is exiting.
   */
  static final class RemoveAtExit implements Runnable {
    private final Path dir;

    RemoveAtExit(Path dir) {
      this.dir = dir;
    }

    @Override
    public void run() {
      try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
        for (Path f : files) {
          Files.deleteIfExists(f);
        }
        Files.deleteIfExists(dir);
      } catch (IOException e) {
        // left in place
      }
    }
  }
}
