package dev.nettool.e2e;

import static dev.nettool.e2e.HttpClientTlsE2E.map;
import static dev.nettool.e2e.TcpEchoE2E.EXCHANGE;
import static dev.nettool.e2e.TcpEchoE2E.READY;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.jr.ob.JSON;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code http-client --http2} as a process against Node's http2 servers: h2 by ALPN to a secure server that
 * refuses HTTP/1.1, by prior knowledge to a cleartext one, the fall back to HTTP/1.1 when a server offers no
 * h2, bodies and redirects, and load mode with several streams per connection. The server's own
 * {@code req.httpVersion}, echoed back, proves what was spoken.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class HttpClientHttp2E2E {
  @RegisterExtension final Launched launched = new Launched();

  @TempDir Path dir;

  @BeforeEach
  void makeCertificates() throws InterruptedException {
    NettoolProcess p = launched.nettool("cert", "--out", dir.toString());
    assertThat(p.waitFor(EXCHANGE)).as(p.describe()).isZero();
  }

  @Test
  void speaksH2ByAlpnToASecureServerThatRefusesHttp1() throws Exception {
    String base = node("h2");

    NettoolProcess client = launched.nettool("http-client", "--http2", "--json-output", "--cacert", file("ca.pem"),
        base + "/echo?x=1");

    assertThat(client.waitFor(EXCHANGE)).as(client.describe()).isZero();
    Map<String, Object> r = JSON.std.mapFrom(client.stdout());
    assertThat(r).containsEntry("status", 200).containsEntry("httpVersion", "HTTP/2.0");
    assertThat(map(r.get("tls"))).containsEntry("alpn", "h2");
    Map<String, Object> echo = JSON.std.mapFrom((String) r.get("body"));
    assertThat(echo).containsEntry("httpVersion", "2.0").containsEntry("alpn", "h2").containsEntry("url", "/echo?x=1");
    assertThat(map(echo.get("headers"))).containsEntry(":scheme", "https").doesNotContainKey("host");
  }

  @ParameterizedTest
  @ValueSource(strings = {"--http2", "--http2-prior-knowledge"})
  void speaksH2ByPriorKnowledgeToACleartextServer(String flag) throws Exception {
    String base = node("h2c");

    NettoolProcess client = launched.nettool("http-client", flag, "-i", base + "/echo");

    assertThat(client.waitFor(EXCHANGE)).as(client.describe()).isZero();
    String[] headAndBody = client.stdout().split("\r\n\r\n", 2);
    assertThat(headAndBody[0]).startsWith("HTTP/2.0 200 OK\r\n").containsIgnoringCase("content-type: application/json");
    assertThat(JSON.std.mapFrom(headAndBody[1])).containsEntry("httpVersion", "2.0");
  }

  @Test
  void fallsBackToHttp11WhenTheServerOffersNoH2() throws Exception {
    String base = node("https");

    NettoolProcess client = launched.nettool("http-client", "--http2", "--json-output", "--cacert", file("ca.pem"),
        base + "/echo");

    assertThat(client.waitFor(EXCHANGE)).as(client.describe()).isZero();
    Map<String, Object> r = JSON.std.mapFrom(client.stdout());
    assertThat(r).containsEntry("httpVersion", "HTTP/1.1");
    assertThat(map(r.get("tls"))).containsEntry("alpn", "http/1.1");
    assertThat(JSON.std.mapFrom((String) r.get("body"))).containsEntry("httpVersion", "1.1");
  }

  @Test
  void sendsJsonAndMultipartBodiesOverH2() throws Exception {
    String base = node("h2");
    Path upload = Files.writeString(dir.resolve("notes.txt"), "file body\n", StandardCharsets.UTF_8);

    NettoolProcess json = launched.nettool("http-client", "--http2", "--cacert", file("ca.pem"),
        "--json", "{\"a\":1}", base + "/echo");
    assertThat(json.waitFor(EXCHANGE)).as(json.describe()).isZero();
    Map<String, Object> echo = JSON.std.mapFrom(json.stdout());
    assertThat(echo).containsEntry("method", "POST").containsEntry("body", "{\"a\":1}");
    assertThat(map(echo.get("headers"))).containsEntry("content-type", "application/json");

    NettoolProcess form = launched.nettool("http-client", "--http2", "--cacert", file("ca.pem"),
        "-F", "name=nettool", "-F", "doc=@" + upload, base + "/echo");
    assertThat(form.waitFor(EXCHANGE)).as(form.describe()).isZero();
    Map<String, Object> formEcho = JSON.std.mapFrom(form.stdout());
    assertThat((String) formEcho.get("body")).contains("name=\"name\"").contains("\r\n\r\nnettool\r\n")
        .contains("filename=\"notes.txt\"").contains("file body\n");
  }

  @Test
  void followsARelativeRedirectAndMeetsExpectationsOverH2() throws Exception {
    String base = node("h2");

    NettoolProcess client = launched.nettool("http-client", "--http2", "-L", "--cacert", file("ca.pem"),
        "--expect-status", "200", "--expect-body", "\"httpVersion\":\"2.0\"", base + "/to?url=/echo");

    assertThat(client.waitFor(EXCHANGE)).as(client.describe()).isZero();
    assertThat(JSON.std.mapFrom(client.stdout())).containsEntry("url", "/echo");

    NettoolProcess unmet = launched.nettool("http-client", "--http2", "--cacert", file("ca.pem"),
        "--expect-status", "404", base + "/echo");
    assertThat(unmet.waitFor(EXCHANGE)).as(unmet.describe()).isEqualTo(1);
  }

  @Test
  void loadModeOverH2CompletesTheRequestedCountWithoutErrors() throws Exception {
    String base = node("h2");

    NettoolProcess client = launched.nettool("http-client", "--http2", "--cacert", file("ca.pem"),
        "--requests", "600", "--concurrency", "2", "--streams", "8", base + "/echo");

    assertThat(client.waitFor(EXCHANGE)).as(client.describe()).isZero();
    List<String> lines = List.of(client.stdout().split("\n"));
    assertThat(lines.get(0)).matches("requests 600 in \\S+ over 2 connections \\(HTTP/2\\.0\\): [0-9.]+ req/s");
    assertThat(lines).contains("status 200=600", "errors connect=0 timeout=0 malformed=0 closed=0");
  }

  @Test
  void loadModeByPriorKnowledgeReportsJson() throws Exception {
    String base = node("h2c");

    NettoolProcess client = launched.nettool("http-client", "--http2", "--json-output", "-d", "hello",
        "--requests", "200", "--concurrency", "2", base + "/echo");

    assertThat(client.waitFor(EXCHANGE)).as(client.describe()).isZero();
    Map<String, Object> r = JSON.std.mapFrom(client.stdout());
    assertThat(r).containsEntry("requests", 200).containsEntry("httpVersion", "HTTP/2.0");
    assertThat(map(r.get("status"))).containsEntry("200", 200);
    assertThat(map(r.get("errors"))).containsEntry("connect", 0).containsEntry("timeout", 0)
        .containsEntry("malformed", 0).containsEntry("closed", 0).containsEntry("tls", 0);
  }

  // Node's https-peer.js in MODE with nettool's certificate; returns its base URL.
  private String node(String mode) throws Exception {
    List<String> command = new ArrayList<>(List.of("node", Peer.script("https-peer.js"), mode));
    if (!mode.equals("h2c")) {
      command.addAll(List.of(file("server.pem"), file("server-key.pem")));
    }
    Peer node = launched.peer(null, command.toArray(String[]::new));
    String port = node.awaitStderr("^listening (\\d+)$", READY).group(1);
    return (mode.equals("h2c") ? "http" : "https") + "://127.0.0.1:" + port;
  }

  private String file(String name) {
    return dir.resolve(name).toString();
  }
}
