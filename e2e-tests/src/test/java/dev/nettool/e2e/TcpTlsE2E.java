package dev.nettool.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Raw TLS on the TCP commands against real peers: OpenSSL's s_client and s_server, and Node's tls module. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class TcpTlsE2E {
  private static final Duration READY = Duration.ofSeconds(30);
  private static final Duration RUN = Duration.ofSeconds(30);

  @RegisterExtension final Launched launched = new Launched();

  @TempDir Path dir;

  @Test
  void opensslEchoesOverTls13TrustingTheCaNamedInTheReadyLineAndTheServerSeesSni() throws Exception {
    NettoolProcess server = launched.nettool("tcp-echo", "--tls", "--port", "0");
    ReadyLine ready = server.awaitReady(READY);
    assertThat(ready.fields()).containsEntry("tls", "on").containsKey("ca");

    Peer client = launched.peer("hello over tls\n".getBytes(StandardCharsets.US_ASCII), "openssl", "s_client",
        "-connect", "127.0.0.1:" + ready.port(), "-CAfile", ready.fields().get("ca"), "-verify_return_error",
        "-tls1_3", "-servername", "foo.test", "-quiet");
    client.awaitStdout("^hello over tls$", RUN);

    server.awaitEvent("connection #1 from 127\\.0\\.0\\.1:\\d+ nodelay=off tls=TLSv1\\.3 cipher=TLS_\\S+ sni=foo\\.test",
        RUN);

    // The certificates were made for this process alone, in a private temporary directory that goes with it.
    Path made = Path.of(ready.fields().get("ca")).getParent();
    assertThat(made.getFileName().toString()).startsWith("nettool-tls-");
    assertThat(made).isDirectoryContaining(f -> f.getFileName().toString().equals("server-key.pem"));
    server.sigterm();
    assertThat(server.waitFor(RUN)).as(server.describe()).isZero();
    assertThat(made).as("removed at exit").doesNotExist();
  }

  @ParameterizedTest
  @ValueSource(strings = {"-tls1_1", "-tls1"})
  void refusesTlsOneOneAndOneZeroThatTheClientWouldOffer(String version) throws Exception {
    NettoolProcess server = launched.nettool("tcp-echo", "--tls", "--port", "0", "--cert-dir", dir.toString());
    int port = server.awaitPort(READY);

    // SECLEVEL=0 lets OpenSSL 3 offer the old versions at all: the refusal must come from nettool.
    Peer.PeerResult old = launched.peer(new byte[0], "openssl", "s_client", "-connect", "127.0.0.1:" + port,
        version, "-cipher", "DEFAULT@SECLEVEL=0").await(RUN);

    assertThat(old.exitCode()).as(old.describe()).isNotZero();
    server.awaitEvent("error #1 tls: no protocol in common \\(TLS 1\\.2 and 1\\.3 only\\).*", RUN);
  }

  @Test
  void requiredClientCertificateRefusesAClientWithoutOneAndNamesAliceWhenShown() throws Exception {
    cert("--out", dir.toString(), "--client", "alice");
    NettoolProcess server = launched.nettool("tcp-echo", "--port", "0", "--tls", "--cert", file("server.pem"),
        "--key", file("server-key.pem"), "--client-ca", file("ca.pem"), "--client-auth", "require");
    int port = server.awaitPort(READY);

    Peer anonymous = launched.peer("nobody\n".getBytes(StandardCharsets.US_ASCII), "openssl", "s_client",
        "-connect", "127.0.0.1:" + port, "-CAfile", file("ca.pem"), "-quiet");
    server.awaitEvent("error #1 tls: no client certificate.*", RUN);
    anonymous.await(RUN);
    assertThat(server.eventLines()).noneMatch(line -> line.startsWith("connection #1"));

    Peer alice = launched.peer("from alice\n".getBytes(StandardCharsets.US_ASCII), "openssl", "s_client",
        "-connect", "127.0.0.1:" + port, "-CAfile", file("ca.pem"), "-verify_return_error",
        "-cert", file("alice.pem"), "-key", file("alice-key.pem"), "-quiet");
    alice.awaitStdout("^from alice$", RUN);
    server.awaitEvent("connection #2 .* tls=TLSv1\\.3 .* client=CN=alice clientSha256=[0-9A-Fa-f:]+", RUN);
  }

  @Test
  void tcpClientShowsItsCertificateAndWithoutOneIsRefusedWithExit5() throws Exception {
    cert("--out", dir.toString(), "--client", "alice");
    NettoolProcess server = launched.nettool("tcp-echo", "--port", "0", "--tls", "--cert", file("server.pem"),
        "--key", file("server-key.pem"), "--client-ca", file("ca.pem"));
    int port = server.awaitPort(READY);

    NettoolProcess alice = launched.nettool(new NettoolProcess.Spec(List.of("tcp-client", "--tls", "--cacert",
        file("ca.pem"), "--cert", file("alice.pem"), "--key", file("alice-key.pem"), "127.0.0.1:" + port))
        .stdin("from alice\n".getBytes(StandardCharsets.US_ASCII)));
    assertThat(alice.waitFor(RUN)).as(alice.describe()).isZero();
    assertThat(alice.stdout()).isEqualTo("from alice\n");

    // Stdin stays open: under TLS 1.3 the server's refusal comes after the client's side of the handshake.
    NettoolProcess anonymous = launched.nettool(new NettoolProcess.Spec(List.of("tcp-client", "--tls", "--cacert",
        file("ca.pem"), "127.0.0.1:" + port)).stdinOpen());
    assertThat(anonymous.waitFor(RUN)).as(anonymous.describe()).isEqualTo(5);
    assertThat(anonymous.stderr()).isEqualTo("nettool: tls: the peer refused the handshake (bad_certificate)\n");
  }

  @Test
  void nodeTlsClientEchoesThroughTheTlsEcho() throws Exception {
    NettoolProcess server = launched.nettool("tcp-echo", "--tls", "--port", "0", "--cert-dir", dir.toString());
    ReadyLine ready = server.awaitReady(READY);

    Peer.PeerResult node = launched.peer(new byte[0], "node", Peer.script("tls-echo.js"),
        String.valueOf(ready.port()), ready.fields().get("ca"), "round trip").await(RUN);

    assertThat(node.exitCode()).as(node.describe() + " stdout: " + node.text()).isZero();
    assertThat(node.text()).isEqualTo("{\"protocol\":\"TLSv1.3\",\"echoed\":\"round trip\"}");

    server.sigterm();
    assertThat(server.waitFor(RUN)).as(server.describe()).isZero();
    assertThat(dir.resolve("ca.pem")).as("a --cert-dir is the user's, and stays").isRegularFile();
    assertThat(dir.resolve("server-key.pem")).isRegularFile();
  }

  @Test
  void tcpClientTrustsOpensslServerWithCacertAndRefusesItWithoutWithExit5() throws Exception {
    cert("--out", dir.toString());
    String port = opensslServer(dir);

    NettoolProcess trusted = launched.nettool(new NettoolProcess.Spec(List.of("tcp-client", "--tls", "--cacert",
        file("ca.pem"), "127.0.0.1:" + port)).stdin("hello\n".getBytes(StandardCharsets.US_ASCII)));
    assertThat(trusted.waitFor(RUN)).as(trusted.describe()).isZero();
    assertThat(trusted.stdout()).isEqualTo("olleh\n");

    NettoolProcess untrusted = launched.nettool(new NettoolProcess.Spec(List.of("tcp-client", "--tls",
        "127.0.0.1:" + port)).stdin(new byte[0]));
    assertThat(untrusted.waitFor(RUN)).as(untrusted.describe()).isEqualTo(5);
    assertThat(untrusted.stderr()).isEqualTo("nettool: tls: certificate not trusted (unknown CA)\n");
  }

  @Test
  void tcpClientRefusesAnExpiredCertificateWithExit5() throws Exception {
    cert("--out", dir.toString(), "--days", "0");
    String port = opensslServer(dir);

    NettoolProcess client = launched.nettool(new NettoolProcess.Spec(List.of("tcp-client", "--tls", "--cacert",
        file("ca.pem"), "127.0.0.1:" + port)).stdin(new byte[0]));

    assertThat(client.waitFor(RUN)).as(client.describe()).isEqualTo(5);
    assertThat(client.stderr()).startsWith("nettool: tls: certificate expired on ");
  }

  @Test
  void tcpClientRefusesACertificateForAnotherHostWithExit5() throws Exception {
    cert("--out", dir.toString(), "--name", "other.test");
    String port = opensslServer(dir);

    NettoolProcess client = launched.nettool(new NettoolProcess.Spec(List.of("tcp-client", "--tls", "--cacert",
        file("ca.pem"), "127.0.0.1:" + port)).stdin(new byte[0]));

    assertThat(client.waitFor(RUN)).as(client.describe()).isEqualTo(5);
    assertThat(client.stderr()).isEqualTo("nettool: tls: certificate does not match host 127.0.0.1\n");
  }

  // openssl s_server answering each line reversed; returns the port from its ACCEPT line.
  private String opensslServer(Path certs) throws InterruptedException {
    Peer server = launched.peer(null, "openssl", "s_server", "-accept", "127.0.0.1:0",
        "-cert", certs.resolve("server.pem").toString(), "-key", certs.resolve("server-key.pem").toString(), "-rev");
    return server.awaitStdout("^ACCEPT 127\\.0\\.0\\.1:(\\d+)$", RUN).group(1);
  }

  private void cert(String... args) throws InterruptedException {
    List<String> all = new ArrayList<>(List.of("cert"));
    all.addAll(List.of(args));
    NettoolProcess p = launched.nettool(all.toArray(String[]::new));
    assertThat(p.waitFor(RUN)).as(p.describe()).isZero();
  }

  private String file(String name) {
    return dir.resolve(name).toString();
  }
}
