package dev.nettool.cli.tcp;

import static dev.nettool.cli.CliResultAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.fasterxml.jackson.jr.ob.JSON;
import dev.nettool.cli.CliContext;
import dev.nettool.cli.CliHarness;
import dev.nettool.cli.CliResult;
import dev.nettool.cli.Nettool;
import dev.nettool.protocols.address.Endpoint;
import dev.nettool.protocols.testing.StreamPeer;
import dev.nettool.protocols.transport.TransportKind;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code nettool tcp-client} end to end in-process, against peers written with the JDK's own sockets. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TcpClientCommandIT {
  private static final String TRANSPORTS = "dev.nettool.protocols.testing.Transports#available";
  private static final Duration WAIT = Duration.ofSeconds(20);

  @TempDir Path dir;

  @ParameterizedTest
  @MethodSource(TRANSPORTS)
  void copiesStdinToTheSocketAndTheSocketToStdoutByteForByte(TransportKind kind) throws Exception {
    byte[] payload = new byte[4 << 20];
    new Random(7).nextBytes(payload);
    try (StreamPeer peer = StreamPeer.tcp(StreamPeer::echo)) {
      Run run = run(payload, "tcp-client", "--transport", kind.label(), target(peer));

      assertThat(run.result()).exitedWith(0).hasErr("");
      assertThat(sha256(run.out())).as("SHA-256 of stdout").isEqualTo(sha256(payload));
    }
  }

  @ParameterizedTest
  @MethodSource(TRANSPORTS)
  void finishesAfterTheDataAndStillPrintsThePeersReply(TransportKind kind) throws Exception {
    try (StreamPeer peer = StreamPeer.tcp(StreamPeer::countThenReply)) {
      CliResult result = cli("tcp-client", "--transport", kind.label(), "--data", "hello\\n",
          target(peer));

      assertThat(result).exitedWith(0).hasOut("got 6 bytes\n").hasErr("");
    }
  }

  @ParameterizedTest
  @MethodSource(TRANSPORTS)
  void talksToAUnixSocketTarget(TransportKind kind) throws Exception {
    Path socket = dir.resolve("echo.sock");
    try (StreamPeer peer = StreamPeer.unix(socket, StreamPeer::echo)) {
      CliResult result = input("over unix\n", "tcp-client", "--transport", kind.label(), target(peer));

      assertThat(result).exitedWith(0).hasOut("over unix\n").hasErr("");
    }
  }

  @Test
  void sendsADataFile() throws Exception {
    byte[] content = new byte[300_000];
    new Random(3).nextBytes(content);
    Path file = Files.write(dir.resolve("payload.bin"), content);
    try (StreamPeer peer = StreamPeer.tcp(StreamPeer::echo)) {
      Run run = run(new byte[0], "tcp-client", "--data-file", file.toString(), target(peer));

      assertThat(run.result()).exitedWith(0).hasErr("");
      assertThat(run.out()).isEqualTo(content);
    }
  }

  @Test
  void exitsZeroAsSoonAsTheExpectationIsMet() throws Exception {
    try (StreamPeer peer = StreamPeer.tcp(c -> {
      c.out().write("220 ready\n".getBytes(StandardCharsets.UTF_8));
      c.out().flush();
      c.holdUntilClosed();
    })) {
      CliResult result = cli("tcp-client", "--expect", "ready", "--timeout", "20s", target(peer));

      assertThat(result).exitedWith(0).hasOut("220 ready\n").hasErr("");
    }
  }

  @Test
  void matchesARegularExpression() throws Exception {
    try (StreamPeer peer = StreamPeer.tcp(c -> StreamPeer.sendThenDrain(c, "HTTP/1.1 204 No Content\r\n"))) {
      CliResult result = cli("tcp-client", "--expect-regex", "^HTTP/1\\.[01] 2\\d\\d", target(peer));

      assertThat(result).exitedWith(0).hasOut("HTTP/1.1 204 No Content\r\n");
    }
  }

  @Test
  void exitsOneWhenThePeerClosesWithoutTheExpectedText() throws Exception {
    try (StreamPeer peer = StreamPeer.tcp(c -> {
      c.out().write("500 nope\n".getBytes(StandardCharsets.UTF_8));
      c.shutdownOutput();
      c.in().transferTo(OutputStream.nullOutputStream());
    })) {
      CliResult result = cli("tcp-client", "--expect", "ready", target(peer));

      assertThat(result).exitedWith(1).hasOut("500 nope\n")
          .hasErr("nettool: expectation not met: 'ready' not received before the connection closed"
              + " (9 bytes received)\n");
    }
  }

  @Test
  void exitsWith124WhenTheTimeoutRunsOut() throws Exception {
    try (StreamPeer peer = StreamPeer.tcp(c -> {
      c.in().transferTo(OutputStream.nullOutputStream());
      c.holdUntilClosed();
    })) {
      CliResult result = cli("tcp-client", "--timeout", "300ms", target(peer));

      assertThat(result).exitedWith(124).hasOut("")
          .hasErr("nettool: timed out: tcp-client " + target(peer) + " did not finish within 300ms\n");
    }
  }

  @ParameterizedTest
  @MethodSource(TRANSPORTS)
  void exitsWith3WhenTheConnectionIsRefused(TransportKind kind) throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    assertThat(cli("tcp-client", "--transport", kind.label(), "127.0.0.1:" + port))
        .exitedWith(3).hasOut("")
        .hasErr("nettool: cannot connect to 127.0.0.1:" + port + ": Connection refused\n");
  }

  @Test
  void exitsWith3WhenTheSocketFileDoesNotExist() {
    Path missing = dir.resolve("missing.sock");
    assertThat(cli("tcp-client", "unix:" + missing))
        .exitedWith(3)
        .hasErr("nettool: cannot connect to unix:" + missing + ": No such file or directory\n");
  }

  @Test
  void exitsWith3WhenConnectingTakesLongerThanTheConnectTimeout() throws Exception {
    // A listener whose accept queue is full drops new SYNs (Linux), so a connect neither succeeds nor fails.
    try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      List<Socket> queued = new ArrayList<>();
      try {
        boolean stalled = false;
        for (int i = 0; i < 16 && !stalled; i++) {
          Socket s = new Socket();
          queued.add(s);
          try {
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getLocalPort()), 300);
          } catch (SocketTimeoutException e) {
            stalled = true;
          }
        }
        assumeThat(stalled).as("this system drops SYNs to a full accept queue").isTrue();

        assertThat(cli("tcp-client", "--connect-timeout", "300ms", "127.0.0.1:" + server.getLocalPort()))
            .exitedWith(3)
            .hasErr("nettool: cannot connect to 127.0.0.1:" + server.getLocalPort() + ": timed out after 300ms\n");
      } finally {
        for (Socket s : queued) {
          s.close();
        }
      }
    }
  }

  @Test
  void printsAHexDumpInsteadOfRawBytes() throws Exception {
    try (StreamPeer peer = StreamPeer.tcp(c -> StreamPeer.sendThenDrain(c, "hi\n"))) {
      CliResult result = cli("tcp-client", "--hex", "--expect", "hi", target(peer));

      assertThat(result).exitedWith(0).hasOut(String.join("\n",
          "         +-------------------------------------------------+",
          "         |  0  1  2  3  4  5  6  7  8  9  a  b  c  d  e  f |",
          "+--------+-------------------------------------------------+----------------+",
          "|00000000| 68 69 0a                                        |hi.             |",
          "+--------+-------------------------------------------------+----------------+",
          ""));
    }
  }

  @Test
  void showsConnectionEventsOnStderrWithVerbose() throws Exception {
    try (StreamPeer peer = StreamPeer.tcp(StreamPeer::countThenReply)) {
      CliResult result = cli("tcp-client", "-v", "--data", "abc", target(peer));

      assertThat(result).exitedWith(0).hasOut("got 3 bytes\n");
      assertThat(result.err().lines()).satisfiesExactly(
          l -> assertThat(l).matches("connect " + target(peer).replace(".", "\\.") + " in \\d+(\\.\\d)?(us|ms)"),
          l -> assertThat(l).isEqualTo("data #1 12 bytes"),
          l -> assertThat(l).isEqualTo("end #1"),
          l -> assertThat(l).matches("close #1 in=12 out=3 .+"));
    }
  }

  @Test
  void printsEventsAsJsonLines() throws Exception {
    try (StreamPeer peer = StreamPeer.tcp(StreamPeer::countThenReply)) {
      CliResult result = cli("tcp-client", "--json", "--data", "abc", target(peer));

      assertThat(result).exitedWith(0).hasOut("got 3 bytes\n");
      List<Map<String, Object>> events = new ArrayList<>();
      for (String line : result.err().lines().toList()) {
        events.add(JSON.std.mapFrom(line));
      }
      assertThat(events).extracting(e -> e.get("event")).containsExactly("connect", "data", "end", "close");
      assertThat(events.get(0)).containsEntry("remoteHost", "127.0.0.1")
          .containsEntry("remotePort", ((Endpoint.Inet) peer.endpoint()).port());
      assertThat(events.get(3)).containsEntry("bytesIn", 12).containsEntry("bytesOut", 3);
    }
  }

  @Test
  void exitsWith130WhenStopped() throws Exception {
    try (StreamPeer peer = StreamPeer.tcp(c -> {
      c.out().write("hello\n".getBytes(StandardCharsets.UTF_8));
      c.out().flush();
      c.holdUntilClosed();
    });
        PipedOutputStream keepOpen = new PipedOutputStream()) {
      CliHarness.Running running = CliHarness.start(new PipedInputStream(keepOpen), Map.of(), "tcp-client",
          target(peer));
      assertThat(running.takeLine(WAIT)).isEqualTo("hello");
      running.stop();

      assertThat(running.awaitExit(WAIT)).isEqualTo(130);
    }
  }

  private static String target(StreamPeer peer) {
    return peer.endpoint().display();
  }

  private static Run run(byte[] stdin, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    CliContext ctx = new CliContext(new ByteArrayInputStream(stdin), new PrintStream(out, true),
        new PrintStream(err, true, StandardCharsets.UTF_8), Map.of(), new CompletableFuture<>(), false);
    int code = Nettool.run(ctx, args);
    return new Run(code, out.toByteArray(), err.toString(StandardCharsets.UTF_8));
  }

  private static String sha256(byte[] bytes) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }

  /** What a run produced, with stdout as bytes. */
  private record Run(int code, byte[] out, String err) {
    CliResult result() {
      return new CliResult(code, new String(out, StandardCharsets.ISO_8859_1), err);
    }
  }

  /** Runs with no input (an array, so that the harness's two run methods are not ambiguous). */
  private static CliResult cli(String... args) {
    return CliHarness.run(args);
  }

  private static CliResult input(String stdin, String... args) {
    return CliHarness.runWithStdin(stdin, args);
  }
}
