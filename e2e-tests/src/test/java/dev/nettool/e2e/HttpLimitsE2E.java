package dev.nettool.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code nettool http-server}'s limits against exact bytes from a python3 socket peer: every refused
 * request gets its status and a close, and a curl request on another connection is answered after it.
 * One server (leak detection at paranoid, 1 s timeouts, 1 KB bodies) serves the whole class.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class HttpLimitsE2E {
  static final Duration READY = Duration.ofSeconds(30);
  static final Duration EXCHANGE = Duration.ofSeconds(30);
  private static final String HOST = "Host: x\r\n";
  private static final Launched SHARED = new Launched();
  private static NettoolProcess server;
  private static int port;

  @RegisterExtension final Launched launched = new Launched();

  @BeforeAll
  static void startServer() throws Exception {
    server = SHARED.nettool(new NettoolProcess.Spec(List.of("http-server", "--port", "0", "--max-body", "1KB",
        "--header-timeout", "1s", "--keep-alive-timeout", "1s", "--send-timeout", "1s")).paranoidLeakDetection());
    port = server.awaitPort(READY);
  }

  @AfterAll
  static void stopServer() {
    List<String> stderr = server.stderrLines();
    SHARED.close();
    assertThat(stderr).as("Netty leak reports on stderr").noneMatch(l -> l.contains("LEAK:"));
  }

  private static byte[] latin1(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  private static byte[] gzippedZeros(int size) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream z = new GZIPOutputStream(out)) {
      byte[] block = new byte[1 << 20];
      for (int left = size; left > 0; left -= block.length) {
        z.write(block, 0, Math.min(block.length, left));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static Arguments refused(String what, String raw, String answer) {
    return Arguments.of(what, latin1(raw), answer);
  }

  static Stream<Arguments> malformed() {
    byte[] bomb = gzippedZeros(256 << 10); // a few hundred bytes that inflate to 256 KB
    return Stream.of(
        refused("request line over 8 KB", "GET /" + "a".repeat(9000) + " HTTP/1.1\r\n" + HOST + "\r\n",
            "414 Request-URI Too Long: request line longer than 8192 bytes"),
        refused("headers over 16 KB", "GET / HTTP/1.1\r\n" + HOST + "X-Big: " + "b".repeat(17000) + "\r\n\r\n",
            "431 Request Header Fields Too Large: header section larger than 16384 bytes"),
        refused("declared body over --max-body", "POST / HTTP/1.1\r\n" + HOST + "Content-Length: 5000\r\n\r\n",
            "413 Request Entity Too Large: body of 5000 bytes is over the limit of 1024"),
        refused("chunked body over --max-body", "POST / HTTP/1.1\r\n" + HOST
                + "Transfer-Encoding: chunked\r\n\r\n800\r\n" + "c".repeat(2048) + "\r\n",
            "413 Request Entity Too Large: body passed the limit of 1024 bytes"),
        refused("Expect: 100-continue over --max-body", "PUT / HTTP/1.1\r\n" + HOST
                + "Expect: 100-continue\r\nContent-Length: 5000\r\n\r\n",
            "413 Request Entity Too Large: body of 5000 bytes is over the limit of 1024"),
        Arguments.of("gzip body that inflates past --max-body", concat(latin1("POST / HTTP/1.1\r\n" + HOST
                + "Content-Encoding: gzip\r\nContent-Length: " + bomb.length + "\r\n\r\n"), bomb),
            "413 Request Entity Too Large: body inflates past the limit of 1024 bytes"),
        refused("missing Host", "GET / HTTP/1.1\r\n\r\n", "400 Bad Request: missing Host header"),
        refused("doubled Host", "GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n", "400 Bad Request: 2 Host headers"),
        refused("malformed request line", "GET/ HTTP/1.1\r\n" + HOST + "\r\n",
            "400 Bad Request: malformed request line (2 words"),
        refused("malformed header", "GET / HTTP/1.1\r\n" + HOST + "no colon here\r\n\r\n",
            "400 Bad Request: No colon found"),
        refused("obs-fold", "GET / HTTP/1.1\r\n" + HOST + "X-Fold: a\r\n b\r\n\r\n",
            "400 Bad Request: obs-fold in header \"X-Fold\""),
        refused("bare CR", "GET / HTTP/1.1\r" + HOST + "\r\n", "400 Bad Request: bare CR in the request line"),
        refused("bare LF", "GET / HTTP/1.1\r\nHost: x\n\r\n", "400 Bad Request: bare LF in the header section"),
        refused("control character in a header", "GET / HTTP/1.1\r\n" + HOST + "X-C: a\u0007b\r\n\r\n",
            "400 Bad Request: control character 0x07 in header \"X-C\""),
        refused("control character in the target", "GET /a\u001bb HTTP/1.1\r\n" + HOST + "\r\n",
            "400 Bad Request: control character 0x1b in the request line"),
        refused("NUL in the target", "GET /a%00\u0000 HTTP/1.1\r\n" + HOST + "\r\n",
            "400 Bad Request: NUL byte in the request line"),
        refused("Content-Length with Transfer-Encoding", "POST / HTTP/1.1\r\n" + HOST
                + "Content-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
            "400 Bad Request: Content-Length together with Transfer-Encoding"),
        refused("conflicting Content-Lengths", "POST / HTTP/1.1\r\n" + HOST
                + "Content-Length: 3\r\nContent-Length: 4\r\n\r\nabcd", "400 Bad Request: Multiple Content-Length"),
        refused("malformed Content-Length", "POST / HTTP/1.1\r\n" + HOST + "Content-Length: 3x\r\n\r\nabc",
            "400 Bad Request: Content-Length value is not a number: 3x"),
        refused("chunked not the final coding", "POST / HTTP/1.1\r\n" + HOST
                + "Transfer-Encoding: chunked, gzip\r\n\r\n0\r\n\r\n", "400 Bad Request: chunked must be the last"),
        refused("unknown transfer coding", "POST / HTTP/1.1\r\n" + HOST + "Transfer-Encoding: foo\r\n\r\n",
            "501 Not Implemented: unknown transfer coding \"foo\""),
        refused("HTTP/1.2", "GET / HTTP/1.2\r\n" + HOST + "\r\n",
            "505 HTTP Version Not Supported: HTTP/1.2 is not supported"),
        refused("HTTP/2.0 on the request line", "GET / HTTP/2.0\r\n" + HOST + "\r\n",
            "505 HTTP Version Not Supported: HTTP/2.0 is not supported"),
        refused("HTTP/0.9 style", "GET /index.html\r\n",
            "505 HTTP Version Not Supported: a request line without a version (HTTP/0.9) is not supported"));
  }

  /** The peer's report: status line, responses N, end how, after S, total S, last body line. */
  private record Report(List<String> lines) {
    String status() {
      return lines.get(0);
    }

    String responses() {
      return lines.get(1);
    }

    String end() {
      return lines.get(2);
    }

    double after() {
      return Double.parseDouble(lines.get(3).substring("after ".length()));
    }

    String body() {
      return lines.size() > 5 ? lines.get(5) : "";
    }
  }

  private Report raw(byte[] request, String... options) throws InterruptedException {
    List<String> cmd = new java.util.ArrayList<>(List.of("python3", Peer.script("http_raw.py"), "127.0.0.1",
        String.valueOf(port)));
    cmd.addAll(List.of(options));
    Peer.PeerResult r = launched.peer(request, cmd.toArray(String[]::new)).await(EXCHANGE);
    assertThat(r.exitCode()).as(r.command() + "\n" + r.stderr()).isZero();
    return new Report(new String(r.bytes(), StandardCharsets.ISO_8859_1).lines().toList());
  }

  /** A well-formed request from curl on its own connection: the server goes on serving others. */
  private void anotherClientIsServed() throws InterruptedException {
    Peer.PeerResult curl = launched.peer(new byte[0], "curl", "-s", "-o", "/dev/null", "-w", "%{http_code}",
        "http://127.0.0.1:" + port + "/still-there").await(EXCHANGE);
    assertThat(new String(curl.bytes(), StandardCharsets.US_ASCII)).as("curl after a rejection").isEqualTo("404");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("malformed")
  void answersTheStatusClosesAndGoesOnServing(String what, byte[] request, String answer) throws Exception {
    Report r = raw(request);

    String status = answer.substring(0, answer.indexOf(':'));
    assertThat(r.status()).as(what + ": " + r.lines()).isEqualTo("HTTP/1.1 " + status);
    assertThat(r.responses()).as("one answer, no 100 Continue before it").isEqualTo("responses 1");
    assertThat(r.end()).as("closed by the server, not left open").isIn("end closed", "end reset");
    assertThat(r.body()).startsWith(answer);
    server.awaitEvent("error #\\d+ reject: " + java.util.regex.Pattern.quote(answer) + ".*", EXCHANGE);
    anotherClientIsServed();
  }

  @Test
  void answers408ToASlowlorisHeadAfterTheHeaderTimeout() throws Exception {
    String head = "GET /slow HTTP/1.1\r\n" + HOST + "X-1: a\r\nX-2: b\r\nX-3: c\r\nX-4: d\r\nX-5: e\r\nX-6: f\r\n";
    Report r = raw(latin1(head), "--trickle", "0.3");
    assertThat(r.status()).as(r.lines().toString()).isEqualTo("HTTP/1.1 408 Request Timeout");
    assertThat(r.body()).isEqualTo("408 Request Timeout: request head not complete within 1.00s");
    double total = Double.parseDouble(r.lines().get(4).substring("total ".length()));
    assertThat(total).as("about the 1 s header timeout").isBetween(0.8, 5.0);
    anotherClientIsServed();
  }

  @Test
  void answers408ToABodyThatStalls() throws Exception {
    Report r = raw(latin1("POST /upload HTTP/1.1\r\n" + HOST + "Content-Length: 100\r\n\r\nonly a little"));
    assertThat(r.status()).as(r.lines().toString()).isEqualTo("HTTP/1.1 408 Request Timeout");
    assertThat(r.body()).isEqualTo("408 Request Timeout: request body stalled for 1.00s");
    assertThat(r.after()).as("about the 1 s timeout").isBetween(0.8, 5.0);
    anotherClientIsServed();
  }

  @Test
  void closesAnIdleKeptAliveConnectionAfterTheKeepAliveTimeout() throws Exception {
    Report r = raw(latin1("GET /once HTTP/1.1\r\n" + HOST + "\r\n"));
    assertThat(r.status()).isEqualTo("HTTP/1.1 404 Not Found");
    assertThat(r.responses()).isEqualTo("responses 1");
    assertThat(r.end()).isEqualTo("end closed");
    assertThat(r.after()).as("closed about 1 s after the answer").isBetween(0.8, 5.0);
    server.awaitEvent("timeout #\\d+ keep-alive 1\\.00s", EXCHANGE);
  }

  @Test
  void servesNothingSmuggledInTheBodyOfARequestWithBothLengths() throws Exception {
    String hidden = "GET /smuggled HTTP/1.1\r\n" + HOST + "\r\n";
    String request = "POST /front HTTP/1.1\r\n" + HOST + "Content-Length: " + (5 + hidden.length())
        + "\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n" + hidden;
    Report r = raw(latin1(request));
    assertThat(r.status()).isEqualTo("HTTP/1.1 400 Bad Request");
    assertThat(r.responses()).as("the hidden request is never answered").isEqualTo("responses 1");
    anotherClientIsServed();
    assertThat(server.eventLines()).noneMatch(l -> l.contains("/smuggled"));
  }

  @Test
  void refusesAGzipBombWithTheHeapFlat() throws Exception {
    NettoolProcess small = launched.nettool(new NettoolProcess.Spec(List.of("http-server", "--port", "0"))
        .jvmOptions("-Xmx64m").paranoidLeakDetection());
    int smallPort = small.awaitPort(READY);
    byte[] bomb = gzippedZeros(1 << 30);
    byte[] request = concat(latin1("POST /upload HTTP/1.1\r\n" + HOST + "Content-Encoding: gzip\r\nContent-Length: "
        + bomb.length + "\r\n\r\n"), bomb);

    Peer.PeerResult r = launched.peer(request, "python3", Peer.script("http_raw.py"), "127.0.0.1",
        String.valueOf(smallPort)).await(EXCHANGE);

    List<String> report = new String(r.bytes(), StandardCharsets.ISO_8859_1).lines().toList();
    assertThat(report).as(r.stderr()).first().isEqualTo("HTTP/1.1 413 Request Entity Too Large");
    assertThat(report).contains("413 Request Entity Too Large: body inflates past the limit of 10485760 bytes");
    Peer.PeerResult curl = launched.peer(new byte[0], "curl", "-s", "-o", "/dev/null", "-w", "%{http_code}",
        "http://127.0.0.1:" + smallPort + "/after").await(EXCHANGE);
    assertThat(new String(curl.bytes(), StandardCharsets.US_ASCII)).as("alive after a 1 GB bomb in 64 MB")
        .isEqualTo("404");
    assertThat(small.stderrLines()).as("no OutOfMemoryError, no leak")
        .noneMatch(l -> l.contains("OutOfMemoryError") || l.contains("LEAK:"));
  }

  @Test
  void runningOutOfFileDescriptorsPausesAcceptingAndNeverCrashesTheServer() throws Exception {
    NettoolProcess limited = launched.nettool(new NettoolProcess.Spec(List.of("http-server", "--port", "0",
        "--header-timeout", "60s")).wrappedBy("prlimit", "--nofile=48:48", "--"));
    int limitedPort = limited.awaitPort(READY);
    Peer holder = launched.peer(null, "python3", Peer.script("hold_connections.py"), "127.0.0.1",
        String.valueOf(limitedPort), "100");
    holder.awaitStderr("held 100", EXCHANGE);
    limited.awaitEvent("error accept: Too many open files \\(accepting paused for 1s\\)", EXCHANGE);

    Peer waiting = launched.peer(new byte[0], "curl", "-s", "-o", "/dev/null", "-w", "%{http_code}",
        "--max-time", "25", "http://127.0.0.1:" + limitedPort + "/queued");
    holder.closeStdin();

    Peer.PeerResult served = waiting.await(EXCHANGE);
    assertThat(new String(served.bytes(), StandardCharsets.US_ASCII)).as("answered once descriptors were free")
        .isEqualTo("404");
    assertThat(limited.stderrLines()).as("no crash").noneMatch(l -> l.contains("Exception in thread"));
  }
}
