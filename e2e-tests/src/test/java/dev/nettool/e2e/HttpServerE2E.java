package dev.nettool.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code nettool http-server} as a process, with Netty's leak detection at paranoid, against curl,
 * Node's {@code http} and python3's {@code http.client}. The core ships no endpoint of its own, so
 * these exercise what every route gets: keep-alive, HEAD, OPTIONS, 404/405, compression, CORS, auth.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class HttpServerE2E {
  static final Duration READY = Duration.ofSeconds(30);
  static final Duration EXCHANGE = Duration.ofSeconds(30);

  @RegisterExtension final Launched launched = new Launched();
  private final List<NettoolProcess> servers = new ArrayList<>();

  private NettoolProcess server(String... options) {
    List<String> args = new ArrayList<>(List.of("http-server", "--port", "0"));
    args.addAll(List.of(options));
    NettoolProcess p = launched.nettool(new NettoolProcess.Spec(args).paranoidLeakDetection());
    servers.add(p);
    return p;
  }

  @AfterEach
  void noLeakReported() {
    for (NettoolProcess p : servers) {
      assertThat(p.stderrLines()).as("Netty leak reports on stderr").noneMatch(l -> l.contains("LEAK:"));
    }
  }

  private Peer.PeerResult run(String... command) throws InterruptedException {
    Peer.PeerResult r = launched.peer(new byte[0], command).await(EXCHANGE);
    assertThat(r.exitCode()).as(r.command() + "\n" + r.stderr()).isZero();
    return r;
  }

  private static String out(Peer.PeerResult r) {
    return new String(r.bytes(), StandardCharsets.UTF_8);
  }

  @Test
  void curlReusesTheConnectionForTwoUrlsAndTheServerSummarisesOnSigterm() throws Exception {
    NettoolProcess server = server();
    int port = server.awaitPort(READY);
    String base = "http://127.0.0.1:" + port;

    Peer.PeerResult r = run("curl", "-sv", base + "/first", base + "/second");

    assertThat(r.stderr()).contains("Re-using existing connection");
    assertThat(out(r)).contains("\"path\" : \"/first\"").contains("\"path\" : \"/second\"");
    server.awaitEvent("GET /first 404 \\d+B \\S+ #1", EXCHANGE);
    server.awaitEvent("GET /second 404 \\d+B \\S+ #1", EXCHANGE);
    server.sigterm();
    assertThat(server.waitFor(EXCHANGE)).isZero();
    assertThat(server.eventLines()).last().asString()
        .matches("summary http 1 connections 2 requests in=\\d+ out=\\d+ \\S+");
  }

  @Test
  void curlHeadGetsTheHeadersWithoutABody() throws Exception {
    int port = server().awaitPort(READY);

    Peer.PeerResult r = run("curl", "-sI", "http://127.0.0.1:" + port + "/nothing");

    assertThat(out(r)).startsWith("HTTP/1.1 404 Not Found\r\n").containsIgnoringCase("content-length: ")
        .endsWith("\r\n\r\n");
  }

  @Test
  void curlOptionsOnTheServerAnswersWithEveryMethod() throws Exception {
    int port = server().awaitPort(READY);

    Peer.PeerResult r = run("curl", "-si", "-X", "OPTIONS", "--request-target", "*", "http://127.0.0.1:" + port);

    assertThat(out(r)).startsWith("HTTP/1.1 204 No Content\r\n")
        .contains("allow: GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS\r\n");
  }

  @Test
  void curlCompressedGetsGzipAndInflatesIt() throws Exception {
    int port = server("--compress").awaitPort(READY);

    Peer.PeerResult r = run("curl", "-sv", "--compressed", "http://127.0.0.1:" + port + "/zipped");

    assertThat(r.stderr()).containsIgnoringCase("< content-encoding: gzip");
    assertThat(out(r)).contains("\"error\" : \"not found\"");
  }

  @Test
  void curlCorsPreflightIsAnswered() throws Exception {
    int port = server("--cors").awaitPort(READY);

    Peer.PeerResult r = run("curl", "-si", "-X", "OPTIONS", "-H", "Origin: http://app.test",
        "-H", "Access-Control-Request-Method: PUT", "http://127.0.0.1:" + port + "/any");

    assertThat(out(r)).startsWith("HTTP/1.1 200 OK\r\n").contains("access-control-allow-origin: *\r\n")
        .containsPattern("access-control-allow-methods: [^\\r]*PUT");
  }

  @Test
  void curlWithoutCredentialsGets401AndWithThemGetsThrough() throws Exception {
    int port = server("--auth", "ann:s3cret").awaitPort(READY);
    String url = "http://127.0.0.1:" + port + "/private";

    assertThat(out(run("curl", "-si", url))).startsWith("HTTP/1.1 401 Unauthorized\r\n")
        .contains("www-authenticate: Basic realm=\"nettool\"\r\n");
    assertThat(out(run("curl", "-si", "-u", "ann:s3cret", url))).startsWith("HTTP/1.1 404 Not Found\r\n");
  }

  @Test
  void nodeHttpClientKeepsOneSocketAlive() throws Exception {
    NettoolProcess server = server();
    int port = server.awaitPort(READY);

    Peer.PeerResult r = run("node", Peer.script("http-keepalive.js"), String.valueOf(port), "/a", "/b", "/c");

    String[] lines = out(r).split("\n");
    assertThat(lines).hasSize(3).allMatch(l -> l.startsWith("404 local-port="));
    assertThat(java.util.Arrays.stream(lines).distinct()).as("one local port: one connection").hasSize(1);
    server.awaitEvent("GET /c 404 \\d+B \\S+ #1", EXCHANGE);
  }

  @Test
  void pythonHttpClientKeepsOneConnectionAndCountExits() throws Exception {
    NettoolProcess server = server("--count", "3");
    int port = server.awaitPort(READY);

    Peer.PeerResult r = run("python3", Peer.script("http_keepalive.py"), String.valueOf(port),
        "GET:/x", "HEAD:/x", "DELETE:/y");

    assertThat(out(r)).isEqualTo("404 %d\n404 0\n404 %d\nsockets 1\n".formatted(
        notFoundLength("/x"), notFoundLength("/y")));
    assertThat(server.waitFor(EXCHANGE)).as("--count 3 reached").isZero();
  }

  /** The length of the server's 404 body for {@code path}, as JSON pretty-printed by the server. */
  private static int notFoundLength(String path) {
    return ("{\n  \"status\" : 404,\n  \"error\" : \"not found\",\n  \"path\" : \"" + path + "\"\n}\n")
        .getBytes(StandardCharsets.UTF_8).length;
  }
}
