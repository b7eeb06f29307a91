package dev.nettool.protocols.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nettool.protocols.ExitCode;
import dev.nettool.protocols.NettoolException;
import dev.nettool.protocols.event.Event;
import dev.nettool.protocols.event.EventSink;
import dev.nettool.protocols.testing.RecordingEventSink;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The files of a certificate directory, a CA found in it signing again, and a CA given from elsewhere. */
@Timeout(60)
class CertDirectoryTest {
  private static final Duration WAIT = Duration.ofSeconds(5);

  @TempDir Path tmp;

  private final RecordingEventSink sink = new RecordingEventSink();

  @Test
  void writesACaAServerAndEachClientIntoANewPrivateDirectory() throws Exception {
    Path dir = tmp.resolve("certs");
    CertDirectoryConfig config = new CertDirectoryConfig(dir, CertDirectoryConfig.DEFAULT_NAMES, List.of("alice"),
        30, KeyType.EC_P256, null, null);

    CertDirectoryResult result = new CertDirectory(config, sink).write(Instant.now());

    try (var files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder(
          "ca.pem", "ca-key.pem", "server.pem", "server-key.pem", "alice.pem", "alice-key.pem");
    }
    assertThat(mode(dir)).isEqualTo("rwx------");
    assertThat(mode(dir.resolve("server-key.pem"))).isEqualTo("rw-------");
    assertThat(mode(dir.resolve("alice-key.pem"))).isEqualTo("rw-------");
    X509Certificate ca = PemFiles.readCertificates(dir.resolve("ca.pem")).get(0);
    List<X509Certificate> server = PemFiles.readCertificates(dir.resolve("server.pem"));
    assertThat(server).as("leaf then CA").hasSize(2).element(1).isEqualTo(ca);
    assertThatCode(() -> server.get(0).verify(ca.getPublicKey())).doesNotThrowAnyException();
    assertThat(KeyPairCheck.matches(server.get(0).getPublicKey(), PemFiles.readPrivateKey(result.serverKey())))
        .isTrue();
    assertThat(PemFiles.readCertificates(dir.resolve("alice.pem")).get(0).getSubjectX500Principal().getName())
        .isEqualTo("CN=alice");
    assertThat(result).isEqualTo(new CertDirectoryResult(dir.resolve("ca.pem"), CertificateFingerprint.sha256(ca),
        dir.resolve("server.pem"), dir.resolve("server-key.pem")));
    assertThat(ca.getNotAfter().toInstant()).as("CA lives ten years")
        .isAfter(Instant.now().plus(Duration.ofDays(3649)));
  }

  @Test
  void reportsTheNewCaAndEveryFileItWrote() throws Exception {
    Path dir = tmp.resolve("certs");

    new CertDirectory(CertDirectoryConfig.defaults(dir), sink).write(Instant.now());

    Event ca = sink.take("ca", WAIT);
    assertThat(ca.fields()).containsEntry("source", "created").containsEntry("path", dir.resolve("ca.pem").toString());
    assertThat(ca.text()).startsWith("ca created " + dir.resolve("ca.pem") + " subject=\"CN=nettool local CA ");
    List<String> wrote = List.of(sink.take("wrote", WAIT).text(), sink.take("wrote", WAIT).text(),
        sink.take("wrote", WAIT).text(), sink.take("wrote", WAIT).text());
    assertThat(wrote.get(1)).isEqualTo("wrote " + dir.resolve("ca-key.pem") + " ca key type=ec mode=0600");
    assertThat(wrote.get(2)).startsWith("wrote " + dir.resolve("server.pem") + " server certificate subject=\"CN=localhost\" "
        + "san=DNS:localhost,IP:127.0.0.1,IP:::1 until=").endsWith(" chain=2");
    assertThat(wrote.get(3)).isEqualTo("wrote " + dir.resolve("server-key.pem") + " server key type=ec mode=0600");
  }

  @Test
  void signsAgainWithTheCaAlreadyInTheDirectory() throws Exception {
    Path dir = tmp.resolve("certs");
    new CertDirectory(CertDirectoryConfig.defaults(dir), EventSink.discard()).write(Instant.now());
    byte[] caBefore = Files.readAllBytes(dir.resolve("ca.pem"));
    byte[] serverBefore = Files.readAllBytes(dir.resolve("server.pem"));

    new CertDirectory(CertDirectoryConfig.defaults(dir), sink).write(Instant.now());

    assertThat(sink.take("ca", WAIT).fields()).containsEntry("source", "existing");
    assertThat(Files.readAllBytes(dir.resolve("ca.pem"))).as("ca.pem untouched").isEqualTo(caBefore);
    assertThat(Files.readAllBytes(dir.resolve("server.pem"))).as("a new server certificate").isNotEqualTo(serverBefore);
    X509Certificate ca = PemFiles.readCertificates(dir.resolve("ca.pem")).get(0);
    X509Certificate server = PemFiles.readCertificates(dir.resolve("server.pem")).get(0);
    assertThatCode(() -> server.verify(ca.getPublicKey())).doesNotThrowAnyException();
  }

  @Test
  void signsWithAGivenCaAndWritesNoCaFiles() throws Exception {
    CertificateAuthority given = CertificateAuthority.create(KeyType.RSA_2048, CertificateValidity.ofDays(Instant.now(), 9));
    Path caCert = tmp.resolve("my-ca.pem");
    Path caKey = tmp.resolve("my-ca-key.pem");
    PemFiles.writeCertificates(caCert, List.of(given.certificate()));
    PemFiles.writePrivateKey(caKey, given.key());
    Path dir = tmp.resolve("certs");

    CertDirectoryResult result = new CertDirectory(new CertDirectoryConfig(dir, CertDirectoryConfig.DEFAULT_NAMES,
        List.of(), 5, KeyType.EC_P256, caCert, caKey), sink).write(Instant.now());

    assertThat(sink.take("ca", WAIT).fields()).containsEntry("source", "given");
    assertThat(dir.resolve("ca.pem")).doesNotExist();
    assertThat(dir.resolve("ca-key.pem")).doesNotExist();
    assertThat(result.caCertificate()).isEqualTo(caCert);
    X509Certificate server = PemFiles.readCertificates(dir.resolve("server.pem")).get(0);
    assertThatCode(() -> server.verify(given.certificate().getPublicKey())).doesNotThrowAnyException();
  }

  @Test
  void refusesADirectoryWithHalfACa() throws IOException {
    Path dir = Files.createDirectory(tmp.resolve("certs"));
    Files.writeString(dir.resolve("ca.pem"), "");

    assertThatThrownBy(() -> new CertDirectory(CertDirectoryConfig.defaults(dir), sink).write(Instant.now()))
        .isInstanceOf(NettoolException.class)
        .hasMessage("cannot use the CA in " + dir + ": ca.pem is there but ca-key.pem is not"
            + " (remove it to make a new CA, or restore the other)")
        .extracting(e -> ((NettoolException) e).exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(dir.resolve("server.pem")).doesNotExist();
  }

  @Test
  void refusesClientNamesThatAreNoPlainFileNames() {
    for (String bad : List.of("a/b", "../x", ".hidden", "-x", "", "a b")) {
      assertThatThrownBy(() -> CertDirectoryConfig.checkClientName(bad)).as(bad)
          .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("'" + bad + "' is not a client name");
    }
    assertThatCode(() -> CertDirectoryConfig.checkClientName("alice@example.test")).doesNotThrowAnyException();
  }

  @Test
  void refusesClientsWhoseFilesCollide() {
    for (List<String> clients : List.of(List.of("ca"), List.of("server"), List.of("server-key"), List.of("x", "x"),
        List.of("x", "x-key"))) {
      assertThatThrownBy(() -> new CertDirectoryConfig(tmp, CertDirectoryConfig.DEFAULT_NAMES, clients, 1,
          KeyType.EC_P256, null, null)).as(clients.toString())
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("would write a file named like another one");
    }
  }

  private static String mode(Path p) throws IOException {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
  }
}
