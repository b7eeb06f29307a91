package dev.nettool.e2e;

import static dev.nettool.e2e.TcpEchoE2E.EXCHANGE;
import static dev.nettool.e2e.TcpEchoE2E.READY;
import static dev.nettool.e2e.TcpEchoE2E.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code nettool tcp-client} as a process, against socat and Node {@code net} servers. */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class TcpClientE2E {
  @RegisterExtension final Launched launched = new Launched();

  @TempDir Path dir;

  @Test
  void sends8MiBOfStdinThroughANodeEchoAndPrintsItBackUnchanged() throws Exception {
    byte[] payload = new byte[8 << 20];
    new Random(8).nextBytes(payload);
    // Not socat's PIPE: it blocks writing into its own full pipe once the client reads slower than it
    // sends (a loaded machine), and then never reads the pipe again. Node's pipe() honours back-pressure.
    int port = nodeServer("echo");

    NettoolProcess client = launched.nettool(new NettoolProcess.Spec(List.of("tcp-client", "127.0.0.1:" + port))
        .stdin(payload));

    assertThat(client.waitFor(EXCHANGE)).as(client.describe()).isZero();
    byte[] got = client.stdoutBytes();
    assertThat(got.length).as(client.stderr()).isEqualTo(payload.length);
    assertThat(sha256(got)).as("SHA-256 of what came back").isEqualTo(sha256(payload));
    assertThat(client.stderr()).isEmpty();
  }

  @Test
  void exitsZeroWhenTheNodeEchoSendsTheExpectedText() throws Exception {
    int port = nodeServer("echo");

    NettoolProcess client = launched.nettool("tcp-client", "--data", "ping\\n", "--expect", "ping",
        "127.0.0.1:" + port);

    assertThat(client.waitFor(EXCHANGE)).as(client.describe()).isZero();
    assertThat(client.stderr()).isEmpty();
  }

  @Test
  void exitsOneWithOneErrorLineWhenTheExpectedTextNeverComes() throws Exception {
    int port = nodeServer("echo");

    NettoolProcess client = launched.nettool("tcp-client", "--data", "ping\\n", "--expect", "nope",
        "127.0.0.1:" + port);

    assertThat(client.waitFor(EXCHANGE)).as(client.describe()).isEqualTo(1);
    assertThat(client.stderrLines()).as(client.describe()).singleElement().asString()
        .startsWith("nettool: expectation not met: ")
        .contains("nope");
  }

  @Test
  void printsANodeGreetingByteExactAndEndsOnTheServersClose() throws Exception {
    String greeting = "Welcome\r\n\tto Node \u00e9\u00fc\u2713\nno newline at the end";
    int port = nodeServer("greet", greeting);

    // stdin stays open: the server's FIN alone ends the run.
    NettoolProcess client = launched.nettool(new NettoolProcess.Spec(List.of("tcp-client", "127.0.0.1:" + port))
        .stdinOpen());

    assertThat(client.waitFor(EXCHANGE)).as(client.describe()).isZero();
    assertThat(client.stdoutBytes()).isEqualTo(greeting.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void halfClosesAfterDataSoANodeServerWaitingForEndCanReply() throws Exception {
    int port = nodeServer("after-end", "got: ");

    NettoolProcess client = launched.nettool("tcp-client", "--data", "question\\n", "127.0.0.1:" + port);

    assertThat(client.waitFor(EXCHANGE)).as(client.describe()).isZero();
    assertThat(client.stdout()).isEqualTo("got: question\n");
  }

  @Test
  void talksToASocatEchoOverAUnixSocket() throws Exception {
    Path sock = dir.resolve("echo.sock");
    Peer socat = launched.peer(null, "socat", "-d", "-d", "UNIX-LISTEN:" + sock + ",fork", "PIPE");
    socat.awaitStderr("listening on", READY);

    NettoolProcess client = launched.nettool("tcp-client", "--data", "over unix\\n", "unix:" + sock);

    assertThat(client.waitFor(EXCHANGE)).as(client.describe()).isZero();
    assertThat(client.stdout()).isEqualTo("over unix\n");
  }

  @Test
  void exitsThreeWhenTheConnectionIsRefused() throws Exception {
    int port = closedPort();

    NettoolProcess client = launched.nettool("tcp-client", "--data", "x", "127.0.0.1:" + port);

    assertThat(client.waitFor(EXCHANGE)).as(client.describe()).isEqualTo(3);
    assertThat(client.stdout()).isEmpty();
    assertThat(client.stderrLines()).as(client.describe()).singleElement().asString()
        .isEqualTo("nettool: cannot connect to 127.0.0.1:" + port + ": Connection refused");
  }

  @Test
  void exits124WhenASocatServerNeverAnswersWithinTheTimeout() throws Exception {
    // socat accepts and hands the connection to a program that swallows what comes and never answers.
    int port = socatServer("SYSTEM:cat >/dev/null");

    NettoolProcess client = launched.nettool(new NettoolProcess.Spec(
        List.of("tcp-client", "--timeout", "300ms", "127.0.0.1:" + port)).stdinOpen());

    assertThat(client.waitFor(EXCHANGE)).as(client.describe()).isEqualTo(124);
    assertThat(client.stderrLines()).as(client.describe()).singleElement().asString()
        .startsWith("nettool: timed out: ");
  }

  @Test
  void verboseEventsGoToStderrAndOnlyThePayloadToStdout() throws Exception {
    int port = socatServer("PIPE");

    NettoolProcess client = launched.nettool(new NettoolProcess.Spec(List.of("tcp-client", "-v", "127.0.0.1:" + port))
        .stdin(bytes("verbose\n")).eventsOnStderr());

    assertThat(client.waitFor(EXCHANGE)).as(client.describe()).isZero();
    assertThat(client.stdout()).isEqualTo("verbose\n");
    assertThat(client.eventLines()).as(client.describe())
        .anyMatch(l -> l.matches("connect 127\\.0\\.0\\.1:" + port + " .*"))
        .last().asString().matches("close #1 in=8 out=8 [0-9.]+m?s");
  }

  @Test
  void jsonEventsGoToStderrOneObjectPerLineAndOnlyThePayloadToStdout() throws Exception {
    int port = nodeServer("echo");

    NettoolProcess client = launched.nettool(new NettoolProcess.Spec(
        List.of("tcp-client", "--json", "--data", "json\\n", "127.0.0.1:" + port)).eventsOnStderr());

    assertThat(client.waitFor(EXCHANGE)).as(client.describe()).isZero();
    assertThat(client.stdout()).isEqualTo("json\n");
    List<String> events = client.eventLines();
    assertThat(events).as(client.describe()).isNotEmpty().allMatch(l -> l.startsWith("{\"event\":"));
    assertThat(events.get(0)).contains("\"event\":\"connect\"").contains("\"remotePort\":" + port);
    assertThat(events).last().asString()
        .contains("\"event\":\"close\"").contains("\"bytesIn\":5").contains("\"bytesOut\":5");
  }

  /** A socat server on 127.0.0.1 (port from its {@code -d -d} line) running {@code address} per connection. */
  private int socatServer(String address) throws InterruptedException {
    Peer socat = launched.peer(null, "socat", "-d", "-d", "-t", "30", "TCP-LISTEN:0,bind=127.0.0.1,reuseaddr,fork",
        address);
    return Integer.parseInt(socat.awaitStderr("listening on .*:(\\d+)\\s*$", READY).group(1));
  }

  /** {@code peers/tcp-server.js} in one of its modes; returns its port. */
  private int nodeServer(String... modeAndArg) throws InterruptedException {
    String[] cmd = new String[2 + modeAndArg.length];
    cmd[0] = "node";
    cmd[1] = Peer.script("tcp-server.js");
    System.arraycopy(modeAndArg, 0, cmd, 2, modeAndArg.length);
    Peer node = launched.peer(null, cmd);
    return Integer.parseInt(node.awaitStderr("^listening (\\d+)$", READY).group(1));
  }

  /** A port nothing listens on: bound by us, then closed. */
  static int closedPort() throws Exception {
    try (var s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
      return s.getLocalPort();
    }
  }

  static String sha256(byte[] b) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
  }
}
