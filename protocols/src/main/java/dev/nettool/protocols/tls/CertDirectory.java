package dev.nettool.protocols.tls;

import dev.nettool.protocols.ExitCode;
import dev.nettool.protocols.NettoolException;
import dev.nettool.protocols.event.EventSink;
import dev.nettool.protocols.tls.CertEvents.CaSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;

/**
 * Writes a directory of PEM files a TLS server and its clients need: {@code ca.pem} and {@code ca-key.pem}
 * (unless a CA is given), {@code server.pem} (leaf then CA) and {@code server-key.pem}, and per client
 * {@code NAME.pem} (leaf then CA) and {@code NAME-key.pem}. A CA already in the directory signs again, so
 * peers that trust it keep doing so. Each file written is published as an event.
 */
public final class CertDirectory {
  private final CertDirectoryConfig config;
  private final EventSink sink;

  public CertDirectory(CertDirectoryConfig config, EventSink sink) {
    this.config = config;
    this.sink = sink;
  }

  /** Writes the files with certificates valid from an hour before {@code now}. */
  public CertDirectoryResult write(Instant now) {
    createDir(config.dir());
    Path caFile = config.caCertificate() != null ? config.caCertificate() : config.dir().resolve("ca.pem");
    CertificateAuthority ca = authority(caFile, now);
    CertificateValidity validity = CertificateValidity.ofDays(now, config.days());

    IssuedCertificate server = ca.issue(CertificateRequest.server(config.serverNames(), config.keyType(), validity));
    Path serverCert = config.dir().resolve("server.pem");
    Path serverKey = config.dir().resolve("server-key.pem");
    writeIssued("server", serverCert, serverKey, server, config.serverNames());
    for (String client : config.clients()) {
      IssuedCertificate issued = ca.issue(CertificateRequest.client(client, config.keyType(), validity));
      writeIssued("client", config.dir().resolve(CertDirectoryConfig.certificateFile(client)),
          config.dir().resolve(CertDirectoryConfig.keyFile(client)), issued, List.of());
    }
    return new CertDirectoryResult(caFile, CertificateFingerprint.sha256(ca.certificate()), serverCert, serverKey);
  }

  private CertificateAuthority authority(Path caFile, Instant now) {
    if (config.caCertificate() != null) {
      return load(CaSource.GIVEN, config.caCertificate(), config.caKey());
    }
    Path caKey = config.dir().resolve("ca-key.pem");
    boolean haveCert = Files.exists(caFile);
    boolean haveKey = Files.exists(caKey);
    if (haveCert && haveKey) {
      return load(CaSource.EXISTING, caFile, caKey);
    }
    if (haveCert || haveKey) {
      throw new NettoolException(ExitCode.USAGE, "cannot use the CA in " + config.dir(),
          (haveCert ? "ca.pem is there but ca-key.pem is not" : "ca-key.pem is there but ca.pem is not")
              + " (remove it to make a new CA, or restore the other)");
    }
    int days = Math.max(CertificateValidity.CA_DAYS, config.days());
    CertificateAuthority ca = CertificateAuthority.create(config.keyType(), CertificateValidity.ofDays(now, days));
    sink.publish(CertEvents.ca(CaSource.CREATED, caFile, ca.certificate()));
    PemFiles.writeCertificates(caFile, List.of(ca.certificate()));
    sink.publish(CertEvents.certificate("ca", caFile, ca.certificate(), List.of(), 1));
    PemFiles.writePrivateKey(caKey, ca.key());
    sink.publish(CertEvents.key("ca", caKey, config.keyType()));
    return ca;
  }

  private CertificateAuthority load(CaSource source, Path certFile, Path keyFile) {
    X509Certificate cert = PemFiles.readCertificates(certFile).get(0);
    PrivateKey key = PemFiles.readPrivateKey(keyFile);
    try {
      CertificateAuthority ca = CertificateAuthority.of(cert, key);
      sink.publish(CertEvents.ca(source, certFile, cert));
      return ca;
    } catch (IllegalArgumentException e) {
      throw new NettoolException(ExitCode.USAGE, "cannot sign with CA " + certFile, e.getMessage(), e);
    }
  }

  private void writeIssued(String role, Path certFile, Path keyFile, IssuedCertificate issued,
      List<SubjectName> names) {
    PemFiles.writeCertificates(certFile, issued.chain());
    sink.publish(CertEvents.certificate(role, certFile, issued.certificate(), names, issued.chain().size()));
    PemFiles.writePrivateKey(keyFile, issued.key());
    sink.publish(CertEvents.key(role, keyFile, config.keyType()));
  }

  // A new directory holds private keys: only its owner may list it.
  private static void createDir(Path dir) {
    try {
      if (!Files.isDirectory(dir)) {
        Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
      }
    } catch (IOException e) {
      throw new NettoolException(ExitCode.FAILURE, "cannot create " + dir, String.valueOf(e.getMessage()), e);
    }
  }
}
