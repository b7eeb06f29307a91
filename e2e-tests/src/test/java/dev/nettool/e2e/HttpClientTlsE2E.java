package dev.nettool.e2e;

import static dev.nettool.e2e.TcpEchoE2E.EXCHANGE;
import static dev.nettool.e2e.TcpEchoE2E.READY;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.jr.ob.JSON;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code http-client https://} as a process against Node's https server: certificates made by openssl and by
 * {@code nettool cert}, refusals with exit 5 and the reason, client certificates, redirects between http and
 * https, load mode.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class HttpClientTlsE2E {
  @RegisterExtension final Launched launched = new Launched();

  @TempDir Path dir;

  @Test
  void refusesASelfSignedCertificateWithExit5AndTrustsItWithCacert() throws Exception {
    Peer.PeerResult openssl = launched.peer(new byte[0], "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes",
        "-keyout", file("self-key.pem"), "-out", file("self.pem"), "-days", "2", "-subj", "/CN=localhost",
        "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1").await(EXCHANGE);
    assertThat(openssl.exitCode()).as(openssl.describe()).isZero();
    String base = node("https", file("self.pem"), file("self-key.pem"));

    NettoolProcess untrusted = launched.nettool("http-client", base + "/echo");
    assertThat(untrusted.waitFor(EXCHANGE)).as(untrusted.describe()).isEqualTo(5);
    assertThat(untrusted.stderr()).isEqualTo("nettool: tls: certificate not trusted (unknown CA)\n");
    assertThat(untrusted.stdout()).isEmpty();

    NettoolProcess trusted = launched.nettool("http-client", "-v", "--cacert", file("self.pem"), base + "/echo");
    assertThat(trusted.waitFor(EXCHANGE)).as(trusted.describe()).isZero();
    assertThat(JSON.std.mapFrom(trusted.stdout())).containsEntry("httpVersion", "1.1")
        .containsEntry("alpn", "http/1.1").containsEntry("method", "GET");
    assertThat(trusted.stderrLines()).as(trusted.describe())
        .anyMatch(l -> l.matches("tls #1 TLSv1\\.3 cipher=TLS_\\S+ subject=CN=localhost alpn=http/1\\.1"));
  }

  @Test
  void refusesAnExpiredCertificateWithExit5() throws Exception {
    cert("--out", dir.toString(), "--days", "0");
    String base = node("https", file("server.pem"), file("server-key.pem"));

    NettoolProcess client = launched.nettool("http-client", "--cacert", file("ca.pem"), base + "/echo");

    assertThat(client.waitFor(EXCHANGE)).as(client.describe()).isEqualTo(5);
    assertThat(client.stderrLines()).singleElement().asString().startsWith("nettool: tls: certificate expired on ");
  }

  @Test
  void refusesACertificateForAnotherHostWithExit5UnlessServernameNamesIt() throws Exception {
    cert("--out", dir.toString(), "--name", "other.test");
    String base = node("https", file("server.pem"), file("server-key.pem"));

    NettoolProcess wrongHost = launched.nettool("http-client", "--cacert", file("ca.pem"), base + "/echo");
    assertThat(wrongHost.waitFor(EXCHANGE)).as(wrongHost.describe()).isEqualTo(5);
    assertThat(wrongHost.stderr()).isEqualTo("nettool: tls: certificate does not match host 127.0.0.1\n");

    NettoolProcess named = launched.nettool("http-client", "--cacert", file("ca.pem"), "--servername", "other.test",
        base + "/echo");
    assertThat(named.waitFor(EXCHANGE)).as(named.describe()).isZero();
    assertThat(JSON.std.mapFrom(named.stdout())).containsEntry("method", "GET");
  }

  @Test
  void showsAClientCertificateANodeServerRequiresAndIsRefusedWithoutOne() throws Exception {
    cert("--out", dir.toString(), "--client", "alice");
    String base = node("https", file("server.pem"), file("server-key.pem"), file("ca.pem"));

    NettoolProcess alice = launched.nettool("http-client", "--cacert", file("ca.pem"), "--cert", file("alice.pem"),
        "--key", file("alice-key.pem"), base + "/echo");
    assertThat(alice.waitFor(EXCHANGE)).as(alice.describe()).isZero();
    assertThat(JSON.std.mapFrom(alice.stdout())).containsEntry("client", "alice");

    NettoolProcess anonymous = launched.nettool("http-client", "--cacert", file("ca.pem"), base + "/echo");
    assertThat(anonymous.waitFor(EXCHANGE)).as(anonymous.describe()).isEqualTo(5);
    assertThat(anonymous.stderrLines()).singleElement().asString()
        .startsWith("nettool: tls: no client certificate (one is required)");
  }

  @Test
  void followsARedirectFromHttpToHttpsAndShowsTheTlsFactsInTheJsonOutput() throws Exception {
    cert("--out", dir.toString());
    String secure = node("https", file("server.pem"), file("server-key.pem"));
    String plain = node("http");

    NettoolProcess client = launched.nettool("http-client", "-L", "--json-output", "--cacert", file("ca.pem"),
        plain + "/to?url=" + secure + "/echo");

    assertThat(client.waitFor(EXCHANGE)).as(client.describe()).isZero();
    Map<String, Object> r = JSON.std.mapFrom(client.stdout());
    assertThat(r).containsEntry("url", secure + "/echo").containsEntry("status", 200).containsEntry("redirects", 1)
        .containsEntry("httpVersion", "HTTP/1.1");
    assertThat(map(r.get("tls"))).containsEntry("tls", "TLSv1.3").containsEntry("alpn", "http/1.1")
        .containsEntry("subject", "CN=localhost").containsKey("cipher");
  }

  @Test
  void followsARedirectFromHttpsBackToHttp() throws Exception {
    cert("--out", dir.toString());
    String secure = node("https", file("server.pem"), file("server-key.pem"));
    String plain = node("http");

    NettoolProcess client = launched.nettool("http-client", "-L", "--json-output", "--cacert", file("ca.pem"),
        secure + "/to?url=" + plain + "/echo");

    assertThat(client.waitFor(EXCHANGE)).as(client.describe()).isZero();
    Map<String, Object> r = JSON.std.mapFrom(client.stdout());
    assertThat(r).containsEntry("url", plain + "/echo").containsEntry("redirects", 1).doesNotContainKey("tls");
  }

  @Test
  void warnsOnStderrWithInsecureAndStillFetches() throws Exception {
    cert("--out", dir.toString());
    String base = node("https", file("server.pem"), file("server-key.pem"));

    NettoolProcess client = launched.nettool("http-client", "--insecure", base + "/echo");

    assertThat(client.waitFor(EXCHANGE)).as(client.describe()).isZero();
    assertThat(client.stderr()).isEqualTo("nettool: warning: --insecure: the server's certificate is not verified\n");
    assertThat(JSON.std.mapFrom(client.stdout())).containsEntry("method", "GET");
  }

  @Test
  void loadModeOverHttpsCompletesEveryRequestWithoutErrors() throws Exception {
    cert("--out", dir.toString());
    String base = node("https", file("server.pem"), file("server-key.pem"));

    NettoolProcess client = launched.nettool("http-client", "--cacert", file("ca.pem"), "--requests", "300",
        "--concurrency", "4", base + "/echo");

    assertThat(client.waitFor(EXCHANGE)).as(client.describe()).isZero();
    List<String> lines = List.of(client.stdout().split("\n"));
    assertThat(lines.get(0)).matches("requests 300 in \\S+ over 4 connections: [0-9.]+ req/s");
    assertThat(lines).contains("status 200=300", "errors connect=0 timeout=0 malformed=0 closed=0");
  }

  @Test
  void loadModeExitsFiveWithTheReasonWhenNoHandshakeSucceeds() throws Exception {
    cert("--out", dir.toString());
    String base = node("https", file("server.pem"), file("server-key.pem"));

    NettoolProcess client = launched.nettool("http-client", "--requests", "5", base + "/echo");

    assertThat(client.waitFor(EXCHANGE)).as(client.describe()).isEqualTo(5);
    assertThat(client.stdout()).contains("tls=5 (certificate not trusted (unknown CA))");
    assertThat(client.stderr()).isEqualTo("nettool: tls: certificate not trusted (unknown CA)\n");
  }

  // Node's https-peer.js in MODE with the files given; returns its base URL.
  private String node(String mode, String... files) throws Exception {
    List<String> command = new ArrayList<>(List.of("node", Peer.script("https-peer.js"), mode));
    command.addAll(List.of(files));
    Peer node = launched.peer(null, command.toArray(String[]::new));
    String port = node.awaitStderr("^listening (\\d+)$", READY).group(1);
    return (mode.equals("http") ? "http" : "https") + "://127.0.0.1:" + port;
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

  @SuppressWarnings("unchecked")
  static Map<String, Object> map(Object json) {
    return (Map<String, Object>) json;
  }
}
