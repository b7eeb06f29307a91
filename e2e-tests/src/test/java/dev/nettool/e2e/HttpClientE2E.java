package dev.nettool.e2e;

import static dev.nettool.e2e.TcpEchoE2E.EXCHANGE;
import static dev.nettool.e2e.TcpEchoE2E.READY;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.jr.ob.JSON;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code nettool http-client} (and {@code wait-for http://}) as a process against Node's http and python3's http.server. */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class HttpClientE2E {
  @RegisterExtension final Launched launched = new Launched();

  @TempDir Path dir;

  @Test
  void postsFormDataAndHeadersThatANodeServerEchoes() throws Exception {
    String base = nodeServer();

    NettoolProcess client = launched.nettool("http-client", "-d", "a=1", "-d", "b=2", "-H", "X-Test: yes",
        "-b", "k=v", base + "/echo?q=1");

    assertThat(client.waitFor(EXCHANGE)).as(client.describe()).isZero();
    Map<String, Object> echo = JSON.std.mapFrom(client.stdout());
    assertThat(echo).containsEntry("method", "POST").containsEntry("url", "/echo?q=1").containsEntry("body", "a=1&b=2");
    assertThat(stringMap(echo.get("headers"))).containsEntry("x-test", "yes").containsEntry("cookie", "k=v")
        .containsEntry("content-type", "application/x-www-form-urlencoded").containsEntry("content-length", "7");
    assertThat(client.stderr()).isEmpty();
  }

  @Test
  void reassemblesAChunkedBodyByteExact() throws Exception {
    NettoolProcess client = launched.nettool("http-client", nodeServer() + "/chunked");

    assertThat(client.waitFor(EXCHANGE)).as(client.describe()).isZero();
    assertThat(client.stdout()).isEqualTo("one,two,three");
  }

  @Test
  void followsRelativeRedirectsAndCountsThemInTheJsonOutput() throws Exception {
    NettoolProcess client = launched.nettool("http-client", "-L", "--json-output", nodeServer() + "/redirect/3");

    assertThat(client.waitFor(EXCHANGE)).as(client.describe()).isZero();
    Map<String, Object> r = JSON.std.mapFrom(client.stdout());
    assertThat(r).containsEntry("status", 200).containsEntry("body", "done").containsEntry("redirects", 3);
    assertThat((String) r.get("url")).endsWith("/redirect/0");
  }

  @Test
  void inflatesAGzipBodyWhenCompressed() throws Exception {
    NettoolProcess client = launched.nettool("http-client", "--compressed", nodeServer() + "/gzip");

    assertThat(client.waitFor(EXCHANGE)).as(client.describe()).isZero();
    assertThat(client.stdout()).isEqualTo("compressed hello");
  }

  @Test
  void showsEverySetCookieHeaderInTheJsonOutput() throws Exception {
    NettoolProcess client = launched.nettool("http-client", "--json-output", nodeServer() + "/cookies");

    assertThat(client.waitFor(EXCHANGE)).as(client.describe()).isZero();
    Map<String, Object> r = JSON.std.mapFrom(client.stdout());
    assertThat(stringMap(r.get("headers"))).containsEntry("Set-Cookie", List.of("a=1; Path=/", "b=2; Path=/"));
  }

  @Test
  void exitsOneNamingTheStatusWithFail() throws Exception {
    String base = nodeServer();

    NettoolProcess client = launched.nettool("http-client", "--fail", base + "/status/503");

    assertThat(client.waitFor(EXCHANGE)).as(client.describe()).isEqualTo(1);
    assertThat(client.stderrLines()).singleElement().asString()
        .isEqualTo("nettool: request failed: " + base + "/status/503 answered 503 Service Unavailable");
  }

  @Test
  void exits124WhenTheNodeServerNeverAnswers() throws Exception {
    String base = nodeServer();

    NettoolProcess client = launched.nettool("http-client", "--timeout", "500ms", base + "/slow");

    assertThat(client.waitFor(EXCHANGE)).as(client.describe()).isEqualTo(124);
    assertThat(client.stderrLines()).singleElement().asString()
        .isEqualTo("nettool: timed out: http-client " + base + "/slow did not finish within 500ms");
  }

  @Test
  void exitsSevenOnAResponseThatIsNotHttp() throws Exception {
    String base = nodeServer();

    NettoolProcess client = launched.nettool("http-client", base + "/malformed");

    assertThat(client.waitFor(EXCHANGE)).as(client.describe()).isEqualTo(7);
    assertThat(client.stderrLines()).singleElement().asString()
        .startsWith("nettool: malformed response from " + base + "/malformed: ");
  }

  @Test
  void exitsThreeWhenRefused() throws Exception {
    int port = TcpClientE2E.closedPort();

    NettoolProcess client = launched.nettool("http-client", "http://127.0.0.1:" + port + "/");

    assertThat(client.waitFor(EXCHANGE)).as(client.describe()).isEqualTo(3);
    assertThat(client.stderrLines()).singleElement().asString()
        .isEqualTo("nettool: cannot connect to 127.0.0.1:" + port + ": Connection refused");
  }

  @Test
  void countsTwoHundredRequestsOverFourConnectionsInLoadMode() throws Exception {
    NettoolProcess client = launched.nettool("http-client", "--requests", "200", "--concurrency", "4",
        nodeServer() + "/hello");

    assertThat(client.waitFor(EXCHANGE)).as(client.describe()).isZero();
    List<String> lines = List.of(client.stdout().split("\n"));
    assertThat(lines).hasSize(5);
    assertThat(lines.get(0)).matches("requests 200 in \\S+ over 4 connections: [0-9.]+ req/s");
    assertThat(lines.get(1)).matches("latency p50 \\S+ p90 \\S+ p99 \\S+ max \\S+");
    assertThat(lines.subList(2, 5)).containsExactly("status 200=200", "errors connect=0 timeout=0 malformed=0 closed=0",
        "body 2200 bytes");
  }

  @Test
  void downloadsAFileFromPythonByteExactToStdoutAndToAFile() throws Exception {
    byte[] content = new byte[3 << 20];
    new Random(7).nextBytes(content);
    Path served = Files.createDirectories(dir.resolve("served"));
    Files.write(served.resolve("blob.bin"), content);
    String base = pythonServer(served);

    NettoolProcess toStdout = launched.nettool("http-client", base + "/blob.bin");
    assertThat(toStdout.waitFor(EXCHANGE)).as(toStdout.describe()).isZero();
    assertThat(TcpClientE2E.sha256(toStdout.stdoutBytes())).as("SHA-256 of stdout")
        .isEqualTo(TcpClientE2E.sha256(content));

    Path file = dir.resolve("copy.bin");
    NettoolProcess toFile = launched.nettool("http-client", "-o", file.toString(), base + "/blob.bin");
    assertThat(toFile.waitFor(EXCHANGE)).as(toFile.describe()).isZero();
    assertThat(toFile.stdout()).isEmpty();
    assertThat(Files.readAllBytes(file)).isEqualTo(content);
  }

  @Test
  void waitsForAPythonServerStartedAfterTheWaiter() throws Exception {
    Path served = Files.createDirectories(dir.resolve("site"));
    Files.writeString(served.resolve("health.txt"), "ok");
    int port = TcpClientE2E.closedPort();
    NettoolProcess waiter = launched.nettool(new NettoolProcess.Spec(List.of("wait-for", "-v",
        "http://127.0.0.1:" + port + "/health.txt", "--timeout", "30s")).eventsOnStderr());
    waiter.awaitEvent("wait http://127\\.0\\.0\\.1:" + port + "/health\\.txt attempt 1: .*", READY);

    Peer python = launched.peer(null, "python3", "-m", "http.server", "--bind", "127.0.0.1", Integer.toString(port),
        "--directory", served.toString());

    assertThat(waiter.waitFor(EXCHANGE)).as(waiter.describe() + "\n" + python.describe()).isZero();
    assertThat(waiter.eventLines()).as(waiter.describe())
        .anyMatch(l -> l.matches("ready http://127\\.0\\.0\\.1:" + port + "/health\\.txt after [0-9.]+m?s"));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> stringMap(Object json) {
    return (Map<String, Object>) json;
  }

  private String nodeServer() throws Exception {
    Peer node = launched.peer(null, "node", Peer.script("http-server.js"));
    return "http://127.0.0.1:" + node.awaitStderr("^listening (\\d+)$", READY).group(1);
  }

  private String pythonServer(Path directory) throws Exception {
    Peer python = launched.peer(null, "python3", "-u", "-m", "http.server", "--bind", "127.0.0.1", "0",
        "--directory", directory.toString());
    return "http://127.0.0.1:" + awaitPythonPort(python);
  }

  // python3 -m http.server prints "Serving HTTP on 127.0.0.1 port N (...)" on stdout (-u: unbuffered), not stderr.
  private static String awaitPythonPort(Peer python) throws Exception {
    return python.awaitStdout("Serving HTTP on \\S+ port (\\d+)", READY).group(1);
  }
}
