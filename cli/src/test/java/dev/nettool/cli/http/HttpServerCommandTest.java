package dev.nettool.cli.http;

import static dev.nettool.cli.CliResultAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.nettool.cli.CliHarness;
import dev.nettool.cli.CliResult;
import dev.nettool.protocols.testing.NettyLeakCheck;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code http-server} through the same factory as Main: ready line, request lines, summary, exit codes. */
@Timeout(30)
@ExtendWith(NettyLeakCheck.class)
class HttpServerCommandTest {
  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final Pattern READY =
      Pattern.compile("listening http 127\\.0\\.0\\.1:(\\d+) transport=(epoll|io_uring|nio)");
  private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  private static int port(String ready) {
    Matcher m = READY.matcher(ready);
    assertThat(m.matches()).as(ready).isTrue();
    return Integer.parseInt(m.group(1));
  }

  private HttpResponse<String> send(int port, String method, String path, String... headers) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .method(method, HttpRequest.BodyPublishers.noBody());
    if (headers.length > 0) {
      b.headers(headers);
    }
    return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void printsTheReadyLineOneLinePerRequestAndASummaryOnStop() throws Exception {
    CliHarness.Running server = CliHarness.start("http-server", "--port", "0");
    int port = port(server.takeLine(WAIT));
    assertThat(send(port, "GET", "/missing").statusCode()).isEqualTo(404);
    assertThat(server.takeLine(WAIT)).matches("GET /missing 404 \\d+B \\S+ #1");
    assertThat(send(port, "HEAD", "/missing").statusCode()).isEqualTo(404);
    assertThat(server.takeLine(WAIT)).matches("HEAD /missing 404 0B \\S+ #1");
    server.stop();
    assertThat(server.awaitExit(WAIT)).isZero();
    assertThat(server.takeLine(WAIT)).matches("summary http 1 connections 2 requests in=\\d+ out=\\d+ \\S+");
  }

  @Test
  void jsonRequestEventsCarryTheExchangeFields() throws Exception {
    CliHarness.Running server = CliHarness.start("http-server", "--json");
    String ready = server.takeLine(WAIT);
    assertThat(ready).startsWith("{\"event\":\"listening\"").contains("\"proto\":\"http\"");
    int port = Integer.parseInt(ready.replaceAll(".*\"port\":(\\d+).*", "$1"));
    send(port, "DELETE", "/nothing");
    assertThat(server.takeLine(WAIT)).startsWith("{\"event\":\"request\"")
        .contains("\"id\":1,\"method\":\"DELETE\",\"path\":\"/nothing\",\"status\":404,\"bytes\":");
    server.stop();
    assertThat(server.awaitExit(WAIT)).isZero();
  }

  @Test
  void countExitsZeroAfterThatManyRequests() throws Exception {
    CliHarness.Running server = CliHarness.start("http-server", "--count", "2", "-q");
    int port = port(server.takeLine(WAIT));
    send(port, "GET", "/a");
    send(port, "GET", "/b");
    assertThat(server.awaitExit(WAIT)).isZero();
    assertThat(server.stdout()).as("-q keeps only the ready line").hasLineCount(1);
  }

  @Test
  void authAsksEveryRequestForCredentials() throws Exception {
    CliHarness.Running server = CliHarness.start("http-server", "--auth", "ann:pw", "-q");
    int port = port(server.takeLine(WAIT));
    HttpResponse<String> denied = send(port, "GET", "/x");
    assertThat(denied.statusCode()).isEqualTo(401);
    assertThat(denied.headers().firstValue("www-authenticate")).hasValue("Basic realm=\"nettool\"");
    String good = "Basic " + Base64.getEncoder().encodeToString("ann:pw".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    assertThat(send(port, "GET", "/x", "Authorization", good).statusCode()).as("past auth, no such route")
        .isEqualTo(404);
    server.stop();
    assertThat(server.awaitExit(WAIT)).isZero();
  }

  @Test
  void aBadAuthValueIsAUsageErrorNamingTheOption() {
    CliResult r = CliHarness.run("http-server", "--auth", "nobody");
    assertThat(r).exitedWith(2).hasOut("")
        .errContains("nettool: usage: Invalid value for option '--auth': 'nobody' is not USER:PASS");
  }

  @Test
  void aBadMaxBodyIsAUsageErrorNamingTheOption() {
    CliResult r = CliHarness.run("http-server", "--max-body", "lots");
    assertThat(r).exitedWith(2).errContains("Invalid value for option '--max-body': 'lots' is not a size");
  }

  @Test
  void helpListsTheCoreOptionsAndExitCodes() {
    CliResult r = CliHarness.run("http-server", "--help");
    assertThat(r).exitedWith(0).outContains("--max-body").outContains("--compress").outContains("--cors")
        .outContains("--auth").outContains("--count").outContains("Exit codes:");
  }

  @Test
  void aZeroTimeoutIsAUsageErrorNamingTheOption() {
    CliResult r = CliHarness.run("http-server", "--keep-alive-timeout", "0s");
    assertThat(r).exitedWith(2).hasOut("")
        .errContains("Invalid value for option '--keep-alive-timeout': '0s' is not a duration above zero");
  }

  @Test
  void helpListsTheTimeouts() {
    CliResult r = CliHarness.run("http-server", "--help");
    assertThat(r).exitedWith(0).outContains("--header-timeout").outContains("--send-timeout")
        .outContains("--keep-alive-timeout");
  }

  @Test
  void aRejectedRequestIsAnsweredAndReportedWhileTheServerGoesOn() throws Exception {
    CliHarness.Running server = CliHarness.start("http-server", "--port", "0");
    int port = port(server.takeLine(WAIT));
    try (java.net.Socket s = new java.net.Socket("127.0.0.1", port)) {
      s.getOutputStream().write("GET / HTTP/1.1\r\n\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      String answer = new String(s.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      assertThat(answer).startsWith("HTTP/1.1 400 Bad Request\r\n").endsWith("400 Bad Request: missing Host header\n");
    }
    assertThat(server.takeLine(WAIT)).isEqualTo("error #1 reject: 400 Bad Request: missing Host header");
    assertThat(server.takeLine(WAIT)).matches("GET / 400 \\d+B \\S+ #1");
    assertThat(send(port, "GET", "/after").statusCode()).isEqualTo(404);
    server.stop();
    assertThat(server.awaitExit(WAIT)).isZero();
  }
}
