package dev.nettool.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code nettool tcp-echo} as a process, driven by netcat-openbsd, socat and a Node {@code net} client. */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class TcpEchoE2E {
  /** Generous: a cold JVM on a loaded 2-core machine. */
  static final Duration READY = Duration.ofSeconds(30);
  static final Duration EXCHANGE = Duration.ofSeconds(30);
  private static final int BIG = 64 << 20;

  @RegisterExtension final Launched launched = new Launched();

  @TempDir Path dir;

  @Test
  void echoes64MiBThroughNetcatUnchanged() throws Exception {
    int port = echoServer().awaitPort(READY);

    assertEchoesBig("nc", "-N", "127.0.0.1", String.valueOf(port));
  }

  @Test
  void echoes64MiBThroughSocatUnchanged() throws Exception {
    int port = echoServer().awaitPort(READY);

    // -t 30: after stdin's EOF socat waits at most this long (default 0.5s) for the echo to finish.
    assertEchoesBig("socat", "-b65536", "-t", "30", "-", "TCP:127.0.0.1:" + port + ",shut-down");
  }

  @Test
  void echoes64MiBThroughNodeNetClientUnchanged() throws Exception {
    int port = echoServer().awaitPort(READY);

    assertEchoesBig("node", Peer.script("tcp-client.js"), "127.0.0.1", String.valueOf(port));
  }

  @Test
  void finishesAfterTheEchoWhenNetcatHalfCloses() throws Exception {
    NettoolProcess server = echoServer();
    int port = server.awaitPort(READY);

    var nc = launched.peer(bytes("hello\n"), "nc", "-N", "127.0.0.1", String.valueOf(port)).await(EXCHANGE);

    assertThat(nc.exitCode()).as(nc.describe()).isZero();
    assertThat(nc.text()).isEqualTo("hello\n");
    server.awaitEvent("connection #1 from 127\\.0\\.0\\.1:\\d+( .*)?", EXCHANGE);
    server.awaitEvent("end #1", EXCHANGE);
    server.awaitEvent("close #1 in=6 out=6 [0-9.]+m?s", EXCHANGE);
  }

  @Test
  void runningOutOfFileDescriptorsPausesAcceptingAndNeverCrashesTheServer() throws Exception {
    NettoolProcess server = launched.nettool(new NettoolProcess.Spec(List.of("tcp-echo", "--port", "0"))
        .wrappedBy("prlimit", "--nofile=48:48", "--"));
    int port = server.awaitPort(READY);
    Peer holder = launched.peer(null, "python3", Peer.script("hold_connections.py"), "127.0.0.1",
        String.valueOf(port), "100");
    holder.awaitStderr("held 100", EXCHANGE);
    server.awaitEvent("error accept: Too many open files \\(accepting paused for 1s\\)", EXCHANGE);

    Peer waiting = launched.peer(bytes("still here\n"), "nc", "-N", "127.0.0.1", String.valueOf(port));
    holder.closeStdin();

    var nc = waiting.await(EXCHANGE);
    assertThat(nc.text()).as("echoed once descriptors were free").isEqualTo("still here\n");
    assertThat(server.stderrLines()).as("no crash").noneMatch(l -> l.contains("Exception in thread"));
  }

  @Test
  void printsTheReadyLineWithTheBoundAddress() throws Exception {
    NettoolProcess server = echoServer();

    ReadyLine ready = server.awaitReady(READY);

    assertThat(ready.line()).matches("listening tcp 127\\.0\\.0\\.1:\\d+ transport=epoll mode=echo nodelay=off");
    assertThat(ready.proto()).isEqualTo("tcp");
    assertThat(ready.host()).isEqualTo("127.0.0.1");
    assertThat(ready.port()).isBetween(1, 65535);
    assertEchoes(ready.port(), "ready\n");
  }

  @Test
  void printsTheReadyLineAsJson() throws Exception {
    NettoolProcess server = launched.nettool("tcp-echo", "--port", "0", "--json");

    ReadyLine ready = server.awaitReady(READY);

    assertThat(ready.proto()).isEqualTo("tcp");
    assertThat(ready.host()).isEqualTo("127.0.0.1");
    assertThat(ready.port()).isBetween(1, 65535);
    assertThat(ready.transport()).isEqualTo("epoll");
    assertThat(ready.fields()).containsEntry("mode", "echo").containsEntry("nodelay", "off").containsKey("ts");
    assertEchoes(ready.port(), "json\n");
    server.awaitEvent("\\{\"event\":\"connection\".*\"id\":1.*", EXCHANGE);
  }

  @Test
  void exitsAfterCountConnectionsWithASummary() throws Exception {
    NettoolProcess server = launched.nettool("tcp-echo", "--port", "0", "--count", "2");
    int port = server.awaitPort(READY);

    assertEchoes(port, "one\n");
    assertEchoes(port, "two!\n");

    assertThat(server.waitFor(EXCHANGE)).as(server.describe()).isZero();
    assertThat(server.eventLines()).as(server.describe()).last().asString()
        .matches("summary tcp 2 connections in=9 out=9 [0-9.]+m?s");
  }

  @Test
  void drainsAndPrintsASummaryOnSigterm() throws Exception {
    NettoolProcess server = echoServer();
    int port = server.awaitPort(READY);
    assertEchoes(port, "before the signal\n");
    server.awaitEvent("close #1 .*", EXCHANGE);

    server.sigterm();

    assertThat(server.waitFor(EXCHANGE)).as(server.describe()).isZero();
    assertThat(server.eventLines()).as(server.describe()).last().asString()
        .matches("summary tcp 1 connections in=18 out=18 [0-9.]+m?s");
    assertThat(server.stderr()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"70000", "x", "-1"})
  void rejectsABadPortWithExitCode2(String port) throws Exception {
    NettoolProcess server = launched.nettool("tcp-echo", "--port", port);

    assertThat(server.waitFor(EXCHANGE)).as(server.describe()).isEqualTo(2);
    assertThat(server.stdout()).as("no ready line").isEmpty();
    List<String> errors = server.stderrLines().stream().filter(l -> l.startsWith("nettool: ")).toList();
    assertThat(errors).as(server.describe()).singleElement().asString().contains("--port").contains(port);
  }

  @Test
  void exitsWithCode6WhenThePortIsInUse() throws Exception {
    int port = echoServer().awaitPort(READY);

    NettoolProcess second = launched.nettool("tcp-echo", "--port", String.valueOf(port));

    assertThat(second.waitFor(EXCHANGE)).as(second.describe()).isEqualTo(6);
    assertThat(second.stdout()).as("no ready line").doesNotContain("listening");
    assertThat(second.stderrLines()).as(second.describe()).singleElement().asString()
        .startsWith("nettool: cannot listen on 127.0.0.1:" + port + ": ");
    assertEchoes(port, "the first still serves\n");
  }

  @Test
  void printsNothingOnStdoutWhenItCannotListen() throws Exception {
    int port = echoServer().awaitPort(READY);

    NettoolProcess second = launched.nettool("tcp-echo", "--port", String.valueOf(port));

    assertThat(second.waitFor(EXCHANGE)).as(second.describe()).isEqualTo(6);
    assertThat(second.stdout()).as(second.describe()).isEmpty();
  }

  @Test
  void echoesOverAUnixSocketWithNetcat() throws Exception {
    Path sock = dir.resolve("echo.sock");
    ReadyLine ready = launched.nettool("tcp-echo", "--unix", sock.toString()).awaitReady(READY);
    assertThat(ready.proto()).isEqualTo("unix");
    assertThat(ready.host()).isEqualTo(sock.toString());

    var nc = launched.peer(bytes("over unix\n"), "nc", "-N", "-U", sock.toString()).await(EXCHANGE);

    assertThat(nc.exitCode()).as(nc.describe()).isZero();
    assertThat(nc.text()).isEqualTo("over unix\n");
  }

  @Test
  void echoesOverAUnixSocketWithSocat() throws Exception {
    Path sock = dir.resolve("echo.sock");
    launched.nettool("tcp-echo", "--unix", sock.toString()).awaitReady(READY);

    var socat = launched.peer(bytes("over unix\n"), "socat", "-t", "30", "-", "UNIX-CONNECT:" + sock).await(EXCHANGE);

    assertThat(socat.exitCode()).as(socat.describe()).isZero();
    assertThat(socat.text()).isEqualTo("over unix\n");
  }

  @ParameterizedTest
  @ValueSource(strings = {"nio", "epoll", "io_uring"})
  void echoesOnEveryTransport(String transport) throws Exception {
    NettoolProcess server = launched.nettool("tcp-echo", "--port", "0", "--transport", transport);

    ReadyLine ready = server.awaitReady(READY);

    assertThat(ready.transport()).isEqualTo(transport);
    assertEchoes(ready.port(), "through " + transport + "\n");
  }

  @Test
  void writesTheBoundAddressToTheReadyFile() throws Exception {
    Path readyFile = dir.resolve("ready");
    int port = launched.nettool("tcp-echo", "--port", "0", "--ready-file", readyFile.toString()).awaitPort(READY);

    // The file is written right after the ready line, so it may lag it by a moment.
    String content = awaitFile(readyFile);

    assertThat(content.strip()).isEqualTo("127.0.0.1:" + port);
  }

  @Test
  void writesItsPidToThePidFile() throws Exception {
    Path pidFile = dir.resolve("pid");
    NettoolProcess server = launched.nettool("tcp-echo", "--port", "0", "--pid-file", pidFile.toString());
    server.awaitReady(READY);

    assertThat(Files.readString(pidFile).strip()).isEqualTo(String.valueOf(server.pid()));
  }

  private NettoolProcess echoServer() {
    return launched.nettool("tcp-echo", "--port", "0");
  }

  /** One exchange through {@code nc -N}: what was sent comes back, and nc exits 0. */
  private void assertEchoes(int port, String text) throws InterruptedException {
    var nc = launched.peer(bytes(text), "nc", "-N", "127.0.0.1", String.valueOf(port)).await(EXCHANGE);
    assertThat(nc.exitCode()).as(nc.describe()).isZero();
    assertThat(nc.text()).as(nc.describe()).isEqualTo(text);
  }

  /** 64 MiB of random bytes through a peer: the same bytes in the same order come back. */
  private void assertEchoesBig(String... command) throws Exception {
    byte[] payload = new byte[BIG];
    new Random(864).nextBytes(payload);
    String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(payload));

    var result = launched.peer(payload, command).await(Duration.ofSeconds(60));

    assertThat(result.exitCode()).as(result.describe()).isZero();
    assertThat(result.length()).as(result.describe()).isEqualTo(BIG);
    assertThat(result.sha256()).as("SHA-256 of the echo").isEqualTo(expected);
  }

  /** Waits, on the ready file's own rename, for it to appear; bounded by the class timeout. */
  private static String awaitFile(Path file) throws Exception {
    try (var watch = file.getFileSystem().newWatchService()) {
      file.getParent().register(watch, StandardWatchEventKinds.ENTRY_CREATE);
      while (!Files.exists(file)) {
        watch.poll(1, TimeUnit.SECONDS);
      }
    }
    return Files.readString(file);
  }

  static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
