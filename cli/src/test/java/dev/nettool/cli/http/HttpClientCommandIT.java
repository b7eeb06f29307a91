package dev.nettool.cli.http;

import static dev.nettool.cli.CliResultAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.jr.ob.JSON;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.nettool.cli.CliHarness;
import dev.nettool.cli.CliResult;
import dev.nettool.protocols.testing.StreamPeer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code http-client} end to end in-process against the JDK's own HTTP server: exit codes and exact output. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class HttpClientCommandIT {
  private final CountDownLatch never = new CountDownLatch(1);
  private final CountDownLatch stalled = new CountDownLatch(1);
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private HttpServer server;

  @TempDir Path dir;

  @BeforeEach
  void startServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
    server.setExecutor(executor);
    server.createContext("/hello", ex -> send(ex, 200, "Hello\n"));
    server.createContext("/missing", ex -> send(ex, 404, "no such thing\n"));
    server.createContext("/boom", ex -> send(ex, 500, "boom\n"));
    server.createContext("/echo", ex -> send(ex, 200, ex.getRequestMethod() + " "
        + ex.getRequestHeaders().getFirst("Content-Type") + " "
        + new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
    server.createContext("/headers", ex -> send(ex, 200, "auth=" + ex.getRequestHeaders().getFirst("Authorization")
        + " cookie=" + ex.getRequestHeaders().getFirst("Cookie") + " accept=" + ex.getRequestHeaders().getFirst("Accept")));
    server.createContext("/moved", ex -> {
      ex.getResponseHeaders().set("Location", "/hello");
      send(ex, 301, "");
    });
    server.createContext("/stall", ex -> {
      stalled.countDown();
      try {
        never.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      send(ex, 200, "late");
    });
    server.start();
  }

  @AfterEach
  void stopServer() {
    never.countDown();
    server.stop(0);
    executor.shutdownNow();
  }

  @Test
  void writesTheBodyToStdoutAndNothingElse() {
    assertThat(run(url("/hello"))).exitedWith(0).hasOut("Hello\n").hasErr("");
  }

  @Test
  void writesTheHeadFirstWithInclude() {
    CliResult r = run("-i", url("/hello"));

    assertThat(r).exitedWith(0);
    assertThat(r.out()).matches("HTTP/1\\.1 200 OK\r\nDate: [^\r]+\r\nContent-length: 6\r\n\r\nHello\n");
  }

  @Test
  void followsARedirectWithLocation() {
    assertThat(run("-L", url("/moved"))).exitedWith(0).hasOut("Hello\n");
    assertThat(run(url("/moved"))).exitedWith(0).hasOut("");
  }

  @Test
  void postsFormDataAndJsonLikeCurl() throws IOException {
    Path file = Files.writeString(dir.resolve("form.txt"), "b=2\nc=3\n");
    assertThat(run("-d", "a=1", "-d", "@" + file, url("/echo"))).exitedWith(0)
        .hasOut("POST application/x-www-form-urlencoded a=1&b=2c=3");
    assertThat(run("--json", "{\"k\":1}", url("/echo"))).exitedWith(0)
        .hasOut("POST application/json {\"k\":1}");
    assertThat(run("-X", "PUT", "--data-binary", "@" + file, url("/echo"))).exitedWith(0)
        .hasOut("PUT application/x-www-form-urlencoded b=2\nc=3\n");
  }

  @Test
  void sendsCredentialsCookiesAndHeaders() {
    assertThat(run("-u", "ann:secret", "-b", "a=1", "-b", "b=2", "-H", "Accept: text/plain", url("/headers")))
        .exitedWith(0)
        .hasOut("auth=Basic YW5uOnNlY3JldA== cookie=a=1; b=2 accept=text/plain");
  }

  @Test
  void failsWithOneLineNamingTheStatusWithFail() {
    assertThat(run("--fail", url("/missing"))).exitedWith(1).hasOut("")
        .hasErr("nettool: request failed: " + url("/missing") + " answered 404 Not Found\n");
  }

  @Test
  void failsWithOneLineWhenAnExpectationIsNotMet() {
    assertThat(run("--expect-status", "2xx", "--expect-body", "nope", url("/boom"))).exitedWith(1)
        .hasOut("boom\n")
        .hasErr("nettool: expectation not met: status 500, expected 2xx; body does not contain 'nope'\n");
    assertThat(run("--expect-status", "404,500", "--expect-body-regex", "bo+m", "--expect-header", "Content-length: 5",
        url("/boom"))).exitedWith(0);
  }

  @Test
  void printsTheResponseAsOneJsonObject() throws IOException {
    CliResult r = run("--json-output", url("/hello"));

    assertThat(r).exitedWith(0).hasErr("");
    Map<String, Object> json = JSON.std.mapFrom(r.out());
    assertThat(json).containsEntry("status", 200).containsEntry("httpVersion", "HTTP/1.1")
        .containsEntry("body", "Hello\n").containsEntry("bodyBase64", false).containsEntry("redirects", 0)
        .containsEntry("url", url("/hello")).containsKeys("headers", "timings");
    assertThat(String.valueOf(((Map<?, ?>) json.get("timings")).keySet())).isEqualTo("[connect, firstByte, total]");
    assertThat(r.out()).endsWith("}\n");
  }

  @Test
  void writesTheBodyToAFileWithOutput() throws IOException {
    Path file = dir.resolve("out.txt");
    assertThat(run("-o", file.toString(), url("/hello"))).exitedWith(0).hasOut("");
    assertThat(file).hasContent("Hello");
  }

  @Test
  void showsBothHeadsOnStderrWithVerbose() {
    CliResult r = run("-v", url("/hello"));

    assertThat(r).exitedWith(0).hasOut("Hello\n");
    assertThat(r.err()).matches("(?s)connect 127\\.0\\.0\\.1:\\d+ in \\S+\n> GET /hello HTTP/1\\.1\n"
        + "> Host: 127\\.0\\.0\\.1:\\d+\n"
        + "> User-Agent: nettool/\\S+\n> Accept: \\*/\\*\n>\n< HTTP/1\\.1 200 OK\n.*<\n");
  }

  @Test
  void exitsThreeWhenRefused() throws IOException {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    assertThat(run("http://127.0.0.1:" + port + "/")).exitedWith(3).hasOut("")
        .hasErr("nettool: cannot connect to 127.0.0.1:" + port + ": Connection refused\n");
  }

  @Test
  void exits124WhenTheServerDoesNotAnswerInTime() {
    assertThat(run("--timeout", "300ms", url("/stall"))).exitedWith(124).hasOut("")
        .hasErr("nettool: timed out: http-client " + url("/stall") + " did not finish within 300ms\n");
  }

  @Test
  void exits130WhenInterruptedBeforeTheResponse() throws Exception {
    CliHarness.Running client = CliHarness.start("http-client", url("/stall"));
    assertThat(stalled.await(20, TimeUnit.SECONDS)).as("the request reached the server").isTrue();
    client.stop();

    assertThat(client.awaitExit(java.time.Duration.ofSeconds(20))).isEqualTo(130);
    assertThat(client.stdout()).isEmpty();
  }

  @Test
  void exitsSevenOnAMalformedResponse() throws Exception {
    try (StreamPeer peer = StreamPeer.tcp(c -> {
      c.out().write("HTTP/1.1 two hundred\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      c.out().flush();
      c.holdUntilClosed();
    })) {
      CliResult r = run("http://" + peer.endpoint().display() + "/");
      assertThat(r).exitedWith(7).hasOut("");
      assertThat(r.err()).startsWith("nettool: malformed response from http://" + peer.endpoint().display() + "/: ");
    }
  }

  @Test
  void printsRateLatencyStatusesAndErrorsInLoadMode() {
    CliResult r = run("--requests", "50", "--concurrency", "3", url("/hello"));

    assertThat(r).exitedWith(0).hasErr("");
    assertThat(r.out()).matches("requests 50 in \\S+ over 3 connections: [0-9.]+ req/s\n"
        + "latency p50 \\S+ p90 \\S+ p99 \\S+ max \\S+\n"
        + "status 200=50\n"
        + "errors connect=0 timeout=0 malformed=0 closed=0\n"
        + "body 300 bytes\n");
  }

  @Test
  void failsLoadModeWhenAResponseBreaksTheExpectedStatus() throws IOException {
    CliResult r = run("--requests", "4", "--json-output", "--expect-status", "200", url("/missing"));

    assertThat(r).exitedWith(1).hasErr("nettool: expectation not met: 4 with status 404, expected 200\n");
    Map<String, Object> json = JSON.std.mapFrom(r.out());
    assertThat(json).containsEntry("requests", 4).containsEntry("status", Map.of("404", 4));
  }

  private CliResult run(String... args) {
    String[] all = new String[args.length + 1];
    all[0] = "http-client";
    System.arraycopy(args, 0, all, 1, args.length);
    return CliHarness.run(all);
  }

  private String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  private static void send(HttpExchange ex, int status, String body) throws IOException {
    byte[] b = body.getBytes(StandardCharsets.UTF_8);
    ex.getRequestBody().readAllBytes();
    ex.sendResponseHeaders(status, b.length == 0 ? -1 : b.length);
    if (b.length > 0) {
      ex.getResponseBody().write(b);
    }
    ex.close();
  }
}
