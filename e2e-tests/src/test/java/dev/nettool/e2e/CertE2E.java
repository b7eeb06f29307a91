package dev.nettool.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code nettool cert} checked by OpenSSL and Node: chains verify, extensions read right, handshakes succeed. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class CertE2E {
  private static final Duration RUN = Duration.ofSeconds(30);

  @RegisterExtension final Launched launched = new Launched();

  @TempDir Path dir;

  @Test
  void opensslVerifiesTheServerChainAndReadsItsExtensions() throws Exception {
    cert("--out", dir.toString());

    assertThat(openssl("verify", "-CAfile", ca(), file("server.pem")).text()).isEqualTo(file("server.pem") + ": OK\n");
    String text = openssl("x509", "-noout", "-text", "-in", file("server.pem")).text();
    assertThat(text).contains("Subject: CN = localhost", "CA:FALSE", "TLS Web Server Authentication",
        "DNS:localhost, IP Address:127.0.0.1, IP Address:0:0:0:0:0:0:0:1", "Digital Signature",
        "X509v3 Subject Key Identifier", "X509v3 Authority Key Identifier", "ecdsa-with-SHA256");
    String caText = openssl("x509", "-noout", "-text", "-in", ca()).text();
    assertThat(caText).contains("CA:TRUE, pathlen:0", "Certificate Sign, CRL Sign");
    openssl("pkey", "-noout", "-in", file("server-key.pem"));
  }

  @Test
  void printsTheSameCaFingerprintAsOpenssl() throws Exception {
    String out = cert("--out", dir.toString());

    String fingerprint = openssl("x509", "-noout", "-fingerprint", "-sha256", "-in", ca()).text().trim();
    assertThat(fingerprint).startsWith("sha256 Fingerprint=");
    assertThat(out).contains(" sha256=" + fingerprint.substring(fingerprint.indexOf('=') + 1) + "\n");
  }

  @Test
  void opensslAcceptsAClientCertificateForClientsOnly() throws Exception {
    cert("--out", dir.toString(), "--client", "alice");

    assertThat(openssl("verify", "-CAfile", ca(), "-purpose", "sslclient", file("alice.pem")).text())
        .isEqualTo(file("alice.pem") + ": OK\n");
    assertThat(openssl("x509", "-noout", "-subject", "-in", file("alice.pem")).text()).isEqualTo("subject=CN = alice\n");
    Peer.PeerResult asServer = run("openssl", "verify", "-CAfile", ca(), "-purpose", "sslserver", file("alice.pem"));
    assertThat(asServer.exitCode()).as(asServer.describe()).isNotZero();
    assertThat(asServer.text() + asServer.stderr()).contains("unsuitable certificate purpose");
  }

  @Test
  void aSecondRunSignsWithTheSameCa() throws Exception {
    cert("--out", dir.toString());
    byte[] ca = Files.readAllBytes(dir.resolve("ca.pem"));

    String out = cert("--out", dir.toString(), "--name", "other.test");

    assertThat(out).startsWith("ca existing " + ca());
    assertThat(Files.readAllBytes(dir.resolve("ca.pem"))).isEqualTo(ca);
    assertThat(openssl("verify", "-CAfile", ca(), file("server.pem")).text()).endsWith(": OK\n");
    assertThat(openssl("x509", "-noout", "-ext", "subjectAltName", "-in", file("server.pem")).text())
        .contains("DNS:other.test").doesNotContain("localhost");
  }

  @Test
  void zeroDaysMakesACertificateOpensslCallsExpired() throws Exception {
    cert("--out", dir.toString(), "--days", "0");

    Peer.PeerResult verify = run("openssl", "verify", "-CAfile", ca(), file("server.pem"));

    assertThat(verify.exitCode()).as(verify.describe()).isNotZero();
    assertThat(verify.text() + verify.stderr()).contains("certificate has expired");
  }

  @Test
  void rsaKeysPassOpensslsCheck() throws Exception {
    cert("--out", dir.toString(), "--key-type", "rsa2048", "--client", "bob");

    assertThat(openssl("rsa", "-check", "-noout", "-in", file("server-key.pem")).text()).contains("RSA key ok");
    assertThat(openssl("rsa", "-check", "-noout", "-in", file("bob-key.pem")).text()).contains("RSA key ok");
    assertThat(openssl("x509", "-noout", "-text", "-in", file("server.pem")).text())
        .contains("Digital Signature, Key Encipherment", "sha256WithRSAEncryption");
  }

  @Test
  void signsWithAGivenCaWhoseKeyOpensslWroteInTheTraditionalFormats() throws Exception {
    Path ecCa = dir.resolve("ec-ca");
    Path rsaCa = dir.resolve("rsa-ca");
    cert("--out", ecCa.toString());
    cert("--out", rsaCa.toString(), "--key-type", "rsa2048");
    Path sec1 = dir.resolve("ec-sec1.pem");
    Path pkcs1 = dir.resolve("rsa-pkcs1.pem");
    openssl("ec", "-in", ecCa.resolve("ca-key.pem").toString(), "-out", sec1.toString());
    openssl("rsa", "-traditional", "-in", rsaCa.resolve("ca-key.pem").toString(), "-out", pkcs1.toString());
    assertThat(Files.readString(sec1)).startsWith("-----BEGIN EC PRIVATE KEY-----");
    assertThat(Files.readString(pkcs1)).startsWith("-----BEGIN RSA PRIVATE KEY-----");

    for (Path[] ca : List.of(new Path[] {ecCa, sec1}, new Path[] {rsaCa, pkcs1})) {
      Path out = dir.resolve("signed-by-" + ca[0].getFileName());
      cert("--out", out.toString(), "--ca-cert", ca[0].resolve("ca.pem").toString(), "--ca-key", ca[1].toString());
      assertThat(openssl("verify", "-CAfile", ca[0].resolve("ca.pem").toString(), out.resolve("server.pem").toString())
          .text()).endsWith(": OK\n");
    }
  }

  @Test
  void opensslAndNodeClientsTrustAnOpensslServerWithTheGeneratedCertificate() throws Exception {
    cert("--out", dir.toString(), "--client", "alice");
    Peer server = launched.peer(null, "openssl", "s_server", "-accept", "127.0.0.1:0", "-cert", file("server.pem"),
        "-key", file("server-key.pem"), "-CAfile", ca(), "-Verify", "1", "-www");
    String port = server.awaitStdout("^ACCEPT 127\\.0\\.0\\.1:(\\d+)$", RUN).group(1);

    Peer.PeerResult client = launched.peer(new byte[0], "openssl", "s_client", "-connect", "127.0.0.1:" + port,
        "-CAfile", ca(), "-verify_return_error", "-verify_hostname", "localhost", "-servername", "localhost",
        "-cert", file("alice.pem"), "-key", file("alice-key.pem"), "-brief").await(RUN);
    assertThat(client.exitCode()).as(client.describe()).isZero();
    assertThat(client.stderr()).as(client.describe()).contains("Verification: OK", "Verified peername: localhost");

    Peer.PeerResult node = launched.peer(new byte[0], "node", Peer.script("tls-connect.js"), port, ca(), "localhost",
        file("alice.pem"), file("alice-key.pem"))
        .await(RUN);
    assertThat(node.exitCode()).as(node.describe() + " stdout: " + node.text()).isZero();
    assertThat(node.text()).contains("\"authorized\":true", "\"subject\":\"localhost\"",
        "DNS:localhost, IP Address:127.0.0.1");

    Peer.PeerResult wrongHost = launched.peer(new byte[0], "node", Peer.script("tls-connect.js"), port, ca(),
        "other.test", file("alice.pem"), file("alice-key.pem")).await(RUN);
    assertThat(wrongHost.exitCode()).as(wrongHost.describe()).isEqualTo(1);
    assertThat(wrongHost.text()).contains("ERR_TLS_CERT_ALTNAME_INVALID");
  }

  // Runs nettool cert to its end and returns its stdout.
  private String cert(String... args) throws InterruptedException {
    List<String> all = new ArrayList<>(List.of("cert"));
    all.addAll(List.of(args));
    NettoolProcess p = launched.nettool(all.toArray(String[]::new));
    assertThat(p.waitFor(RUN)).as(p.describe()).isZero();
    return p.stdout();
  }

  private Peer.PeerResult openssl(String... args) throws InterruptedException {
    List<String> all = new ArrayList<>(List.of("openssl"));
    all.addAll(List.of(args));
    Peer.PeerResult r = run(all.toArray(String[]::new));
    assertThat(r.exitCode()).as(r.describe() + " stdout: " + r.text()).isZero();
    return r;
  }

  private Peer.PeerResult run(String... command) throws InterruptedException {
    return launched.peer(new byte[0], command).await(RUN);
  }

  private String ca() {
    return file("ca.pem");
  }

  private String file(String name) {
    return dir.resolve(name).toString();
  }
}
