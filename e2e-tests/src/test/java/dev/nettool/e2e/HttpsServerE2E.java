package dev.nettool.e2e;

import static dev.nettool.e2e.TcpEchoE2E.EXCHANGE;
import static dev.nettool.e2e.TcpEchoE2E.READY;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code nettool https-server} (and {@code http-server --tls}) as a process against curl, openssl s_client and
 * Node's https and http2 clients, every one of them verifying the certificate: no {@code -k} anywhere.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class HttpsServerE2E {
  @RegisterExtension final Launched launched = new Launched();

  @TempDir Path dir;

  @Test
  void curlTrustsTheCaNamedInTheReadyLineAndAlpnGivesItH2OrHttp11AsAsked() throws Exception {
    ReadyLine ready = launched.nettool("https-server", "--port", "0").awaitReady(READY);
    assertThat(ready.fields()).containsEntry("tls", "on").containsKey("ca")
        .containsEntry("url", "https://127.0.0.1:" + ready.port() + "/");
    String ca = ready.fields().get("ca");

    String h2 = curl("--cacert", ca, "--http2", "-o", "/dev/null", "-w", "%{http_version} %{http_code}",
        "https://localhost:" + ready.port() + "/get");
    String h11 = curl("--cacert", ca, "--http1.1", "-o", "/dev/null", "-w", "%{http_version} %{http_code}",
        ready.fields().get("url") + "get");

    assertThat(h2).as("ALPN h2 chosen").isEqualTo("2 200");
    assertThat(h11).as("ALPN http/1.1 chosen").isEqualTo("1.1 200");
  }

  @Test
  void fallsBackToTheJdkEngineWhenBoringSslCannotLoadAndStillServesH2() throws Exception {
    String noNative = "-Dio.netty.handler.ssl.noOpenSsl=true";
    NettoolProcess version = launched.nettool(new NettoolProcess.Spec(List.of("--version")).jvmOptions(noNative));
    assertThat(version.waitFor(READY)).as(version.describe()).isZero();
    assertThat(version.stdout()).contains("tls engine: jdk (openssl unavailable: ");
    ReadyLine ready = launched.nettool(new NettoolProcess.Spec(List.of("https-server", "--port", "0"))
        .jvmOptions(noNative)).awaitReady(READY);

    String h2 = curl("--cacert", ready.fields().get("ca"), "--http2", "-o", "/dev/null", "-w",
        "%{http_version} %{http_code}", "https://localhost:" + ready.port() + "/get");

    assertThat(h2).as("the JDK engine speaks ALPN too").isEqualTo("2 200");
  }

  @Test
  void curlTrustsTheCaOfNettoolCertAndSeesAnHttpsUrlInTheEcho() throws Exception {
    cert("--out", dir.toString());
    int port = launched.nettool("http-server", "--tls", "--port", "0", "--cert", file("server.pem"),
        "--key", file("server-key.pem")).awaitPort(READY);

    Map<String, Object> get = json(curl("--cacert", file("ca.pem"), "https://localhost:" + port + "/get?a=1"));

    assertThat(get).containsEntry("url", "https://localhost:" + port + "/get?a=1")
        .containsEntry("args", Map.of("a", "1"))
        .doesNotContainKey("client_cert");
  }

  @Test
  void requiredClientCertificateRefusesCurlWithoutOneAndShowsAlicesSubjectInAnything() throws Exception {
    cert("--out", dir.toString(), "--client", "alice");
    NettoolProcess server = launched.nettool("https-server", "--port", "0", "--cert", file("server.pem"),
        "--key", file("server-key.pem"), "--client-ca", file("ca.pem"), "--client-auth", "require");
    int port = server.awaitPort(READY);
    String url = "https://localhost:" + port + "/anything";

    Peer.PeerResult anonymous = launched.peer(new byte[0], "curl", "-sS", "--max-time", "20", "--cacert",
        file("ca.pem"), url).await(EXCHANGE);
    server.awaitEvent("error #1 tls: no client certificate.*", EXCHANGE);
    Map<String, Object> alice = json(curl("--cacert", file("ca.pem"), "--cert", file("alice.pem"), "--key",
        file("alice-key.pem"), url));

    assertThat(anonymous.exitCode()).as("curl without a certificate fails: " + anonymous.describe()).isNotZero();
    assertThat(map(alice.get("client_cert"))).containsEntry("subject", "CN=alice");
    assertThat((String) map(alice.get("client_cert")).get("sha256")).matches("([0-9A-F]{2}:){31}[0-9A-F]{2}");
  }

  @ParameterizedTest
  @ValueSource(strings = {"-tls1_1", "-tls1"})
  void refusesTlsOneOneAndOneZeroThatTheClientWouldOffer(String version) throws Exception {
    NettoolProcess server = launched.nettool("https-server", "--port", "0", "--cert-dir", dir.toString());
    int port = server.awaitPort(READY);

    // SECLEVEL=0 lets OpenSSL 3 offer the old versions at all: the refusal must come from nettool.
    Peer.PeerResult old = launched.peer(new byte[0], "openssl", "s_client", "-connect", "127.0.0.1:" + port,
        version, "-cipher", "DEFAULT@SECLEVEL=0").await(EXCHANGE);

    assertThat(old.exitCode()).as(old.describe()).isNotZero();
    server.awaitEvent("error #1 tls: no protocol in common \\(TLS 1\\.2 and 1\\.3 only\\).*", EXCHANGE);
  }

  @Test
  void opensslNegotiatesTls13AndH2ByAlpnAndTheConnectionEventShowsItsServerName() throws Exception {
    NettoolProcess server = launched.nettool("https-server", "--port", "0", "-v");
    ReadyLine ready = server.awaitReady(READY);

    Peer.PeerResult client = launched.peer(new byte[0], "openssl", "s_client", "-connect",
        "127.0.0.1:" + ready.port(), "-CAfile", ready.fields().get("ca"), "-verify_return_error", "-tls1_3",
        "-alpn", "h2", "-servername", "foo.test").await(EXCHANGE);

    assertThat(client.exitCode()).as(client.describe()).isZero();
    assertThat(client.text()).contains("ALPN protocol: h2").containsPattern("New, TLSv1\\.3, Cipher is TLS_");
    server.awaitEvent("connection #1 from 127\\.0\\.0\\.1:\\d+ tls=TLSv1\\.3 cipher=TLS_\\S+ sni=foo\\.test alpn=h2",
        EXCHANGE);
  }

  @Test
  void nodeHttpsAndHttp2ClientsGetAnswersTrustingTheGeneratedCa() throws Exception {
    ReadyLine ready = launched.nettool("https-server", "--port", "0").awaitReady(READY);
    String port = String.valueOf(ready.port());
    String ca = ready.fields().get("ca");

    Peer.PeerResult https = launched.peer(new byte[0], "node", Peer.script("https-get.js"), port, ca, "/get?via=https")
        .await(EXCHANGE);
    Peer.PeerResult http2 = launched.peer(new byte[0], "node", Peer.script("http2-get.js"), port, ca, "/get?via=h2")
        .await(EXCHANGE);

    assertThat(https.exitCode()).as(https.describe() + " stdout: " + https.text()).isZero();
    Map<String, Object> one = json(https.text());
    assertThat(one).containsEntry("status", 200).containsEntry("protocol", "TLSv1.3");
    assertThat(json((String) one.get("body"))).containsEntry("args", Map.of("via", "https"));
    assertThat(http2.exitCode()).as(http2.describe() + " stdout: " + http2.text()).isZero();
    Map<String, Object> two = json(http2.text());
    assertThat(two).containsEntry("alpn", "h2").containsEntry("status", 200);
    assertThat(json((String) two.get("body"))).containsEntry("args", Map.of("via", "h2"));
  }

  private String curl(String... args) throws InterruptedException {
    List<String> cmd = new ArrayList<>(List.of("curl", "-sS", "--max-time", "20"));
    cmd.addAll(List.of(args));
    Peer.PeerResult r = launched.peer(new byte[0], cmd.toArray(String[]::new)).await(EXCHANGE);
    assertThat(r.exitCode()).as(r.describe()).isZero();
    return r.text();
  }

  private void cert(String... args) throws InterruptedException {
    List<String> all = new ArrayList<>(List.of("cert"));
    all.addAll(List.of(args));
    NettoolProcess p = launched.nettool(all.toArray(String[]::new));
    assertThat(p.waitFor(EXCHANGE)).as(p.describe()).isZero();
  }

  private String file(String name) {
    return dir.resolve(name).toString();
  }

  static Map<String, Object> json(String text) throws IOException {
    return JSON.std.mapFrom(text);
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> map(Object o) {
    return (Map<String, Object>) o;
  }
}
