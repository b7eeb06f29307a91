package dev.nettool.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code ws-client} against WebSocket servers nobody here wrote: Node's {@code ws} and python3's {@code websockets}. */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class WsClientE2E {
  private static final Duration READY = Duration.ofSeconds(30);
  private static final Duration RUN = Duration.ofSeconds(60);

  @RegisterExtension final Launched launched = new Launched();

  @TempDir Path dir;

  @Test
  void pipesStdinLinesAsTextMessagesAndPrintsEachEchoOnItsOwnLineWithNode() throws Exception {
    int port = nodeServer("echo");

    NettoolProcess client = launched.nettool(new NettoolProcess.Spec(List.of("ws-client",
        "ws://127.0.0.1:" + port + "/")).stdin("hello\nwörld\n\nlast\n".getBytes(StandardCharsets.UTF_8)));

    assertThat(client.waitFor(RUN)).as(client.describe()).isZero();
    assertThat(client.stdout()).isEqualTo("hello\nwörld\n\nlast\n");
    assertThat(client.stderr()).isEmpty();
  }

  @Test
  void sendsHeadersOriginSubprotocolAndCloseCodeThatPythonWebsocketsSees() throws Exception {
    Peer server = pythonServer("echo");
    int port = port(server);

    NettoolProcess client = launched.nettool(new NettoolProcess.Spec(List.of("ws-client",
        "ws://127.0.0.1:" + port + "/room/1?x=y", "-H", "X-Test: one", "-H", "Authorization: Bearer t0k",
        "--origin", "http://lab.test", "--subprotocol", "nope", "--subprotocol", "chat", "--close-code", "4000",
        "--close-reason", "bye now", "--count", "1", "-v")).stdin("ping me\n".getBytes(StandardCharsets.UTF_8)));

    assertThat(client.waitFor(RUN)).as(client.describe()).isZero();
    assertThat(client.stdout()).isEqualTo("ping me\n");
    assertThat(client.stderrLines().get(0)).matches(
        "connect ws://127\\.0\\.0\\.1:\\d+/room/1\\?x=y 127\\.0\\.0\\.1:\\d+ subprotocol=chat in \\S+");
    Map<String, Object> connection = json(server.awaitStdout("^\\{\"event\": \"connection\".*$", RUN).group(0));
    assertThat(connection).containsEntry("path", "/room/1?x=y").containsEntry("subprotocol", "chat");
    assertThat(header(connection, "x-test")).isEqualTo("one");
    assertThat(header(connection, "authorization")).isEqualTo("Bearer t0k");
    assertThat(header(connection, "origin")).isEqualTo("http://lab.test");
    assertThat(header(connection, "sec-websocket-protocol")).isEqualTo("nope,chat");
    server.awaitStdout("\\{\"event\": \"close\", \"code\": 4000, \"reason\": \"bye now\"}", RUN);
  }

  @Test
  void binaryStdinRoundTripsThroughNodeByteForByte() throws Exception {
    int port = nodeServer("echo");
    byte[] payload = new byte[3 << 20];
    new Random(6455).nextBytes(payload);

    NettoolProcess client = launched.nettool(new NettoolProcess.Spec(List.of("ws-client", "--binary",
        "ws://127.0.0.1:" + port + "/")).stdin(payload));

    assertThat(client.waitFor(RUN)).as(client.describe()).isZero();
    assertThat(sha256(client.stdoutBytes())).as("SHA-256 of what came back").isEqualTo(sha256(payload));
  }

  @Test
  void countClosesAfterNMessagesFromPythonAndExitsZero() throws Exception {
    int port = port(pythonServer("count"));

    NettoolProcess client = launched.nettool("ws-client", "ws://127.0.0.1:" + port + "/", "--count", "3");

    assertThat(client.waitFor(RUN)).as(client.describe()).isZero();
    assertThat(client.stdout()).isEqualTo("tick 1\ntick 2\ntick 3\n");
  }

  @Test
  void expectExitsZeroOnAMatchingMessageAndOneWhenNoneCameWithinTheWait() throws Exception {
    int port = port(pythonServer("count"));

    NettoolProcess met = launched.nettool("ws-client", "ws://127.0.0.1:" + port + "/", "--expect-regex",
        "tick [4-9]");
    assertThat(met.waitFor(RUN)).as(met.describe()).isZero();
    assertThat(met.stdout()).isEqualTo("tick 1\ntick 2\ntick 3\ntick 4\n");

    NettoolProcess missed = launched.nettool("ws-client", "ws://127.0.0.1:" + port + "/", "--data", "hi",
        "--expect", "never", "--wait", "500ms");
    assertThat(missed.waitFor(RUN)).as(missed.describe()).isEqualTo(1);
    assertThat(missed.stderr()).isEqualTo("nettool: expectation not met: 'never' not received before the connection "
        + "closed (6 messages received)\n");
  }

  @Test
  void dataMessagesGoInOrderAndStdinIsNotRead() throws Exception {
    int port = nodeServer("echo");

    NettoolProcess client = launched.nettool(new NettoolProcess.Spec(List.of("ws-client",
        "ws://127.0.0.1:" + port + "/", "--data", "one", "--data", "two\\tthree", "--count", "2"))
        .stdinOpen());

    assertThat(client.waitFor(RUN)).as(client.describe()).isZero();
    assertThat(client.stdout()).isEqualTo("one\ntwo\tthree\n");
  }

  @Test
  void jsonShowsOneEventPerFrameOnStderr() throws Exception {
    int port = nodeServer("greet");

    NettoolProcess client = launched.nettool("ws-client", "ws://127.0.0.1:" + port + "/", "--json",
        "--data", "yo", "--binary", "--count", "3");

    assertThat(client.waitFor(RUN)).as(client.describe()).isZero();
    List<Map<String, Object>> events = new ArrayList<>();
    for (String line : client.stderrLines()) {
      events.add(json(line));
    }
    // The greetings and our message cross: only the order within each direction is known.
    assertThat(events).extracting(e -> e.get("event")).containsExactlyInAnyOrder("connect", "message", "message",
        "message", "message", "close", "close");
    assertThat(events.get(0)).containsEntry("event", "connect").containsEntry("remoteHost", "127.0.0.1");
    assertThat(events).filteredOn(e -> "in".equals(e.get("direction")) && "message".equals(e.get("event")))
        .extracting(e -> e.get("type") + ":" + e.getOrDefault("text", e.get("hex")))
        .containsExactly("text:hello", "text:world", "binary:796f");
    assertThat(events).filteredOn(e -> "out".equals(e.get("direction")) && "message".equals(e.get("event")))
        .extracting(e -> e.get("type") + ":" + e.get("hex")).containsExactly("binary:796f");
    assertThat(events.get(5)).containsEntry("direction", "out").containsEntry("code", 1000);
    assertThat(events.get(6)).containsEntry("direction", "in").containsEntry("code", 1000);
  }

  @Test
  void aServerClosingWithAnErrorCodeExitsOneNamingIt() throws Exception {
    int port = nodeServer("close");

    NettoolProcess client = launched.nettool(new NettoolProcess.Spec(List.of("ws-client",
        "ws://127.0.0.1:" + port + "/")).stdinOpen());
    client.writeStdin("knock\n".getBytes(StandardCharsets.UTF_8));

    assertThat(client.waitFor(RUN)).as(client.describe()).isEqualTo(1);
    assertThat(client.stderr()).isEqualTo("nettool: ws-client: the server closed with 4001 go away\n");
  }

  @ParameterizedTest
  @CsvSource({"/forbidden, 403 Forbidden", "/missing, 404 Not Found"})
  void aRefusedUpgradeExitsSevenWithTheHttpStatus(String path, String status) throws Exception {
    int port = nodeServer("reject");

    NettoolProcess client = launched.nettool("ws-client", "ws://127.0.0.1:" + port + path, "--data", "x");

    assertThat(client.waitFor(RUN)).as(client.describe()).isEqualTo(7);
    assertThat(client.stderr()).isEqualTo("nettool: ws-client: upgrade refused: " + status + "\n");
  }

  @Test
  void aRefusedConnectionExitsThree() throws Exception {
    int port = nodeServer("echo");
    launched.close(); // the port is now known to be free of that server

    NettoolProcess client = launched.nettool("ws-client", "ws://127.0.0.1:" + port + "/", "--data", "x");

    assertThat(client.waitFor(RUN)).as(client.describe()).isEqualTo(3);
    assertThat(client.stderr()).isEqualTo("nettool: cannot connect to 127.0.0.1:" + port + ": Connection refused\n");
  }

  @Test
  void wssToNodeFailsWithExitFiveUntilTheCaIsTrusted() throws Exception {
    NettoolProcess cert = launched.nettool("cert", "--out", dir.toString());
    assertThat(cert.waitFor(RUN)).as(cert.describe()).isZero();
    int port = nodeServer("echo", "--tls", dir.resolve("server.pem").toString(),
        dir.resolve("server-key.pem").toString());
    String url = "wss://localhost:" + port + "/";

    NettoolProcess untrusted = launched.nettool("ws-client", url, "--data", "x");
    assertThat(untrusted.waitFor(RUN)).as(untrusted.describe()).isEqualTo(5);
    assertThat(untrusted.stderr()).isEqualTo("nettool: tls: certificate not trusted (unknown CA)\n");

    NettoolProcess trusted = launched.nettool("ws-client", url, "--cacert", dir.resolve("ca.pem").toString(),
        "--data", "over tls");
    assertThat(trusted.waitFor(RUN)).as(trusted.describe()).isZero();
    assertThat(trusted.stdout()).isEqualTo("over tls\n");
  }

  @Test
  void interactiveConsoleShowsEchoesAboveThePromptAnswersPingAndQuits() throws Exception {
    int port = nodeServer("echo");
    String steps = JSON.std.asString(List.of(
        List.of("expect", "connect ws://"), List.of("expect", "> "),
        List.of("type", "hello there\r"), List.of("expect", "< hello there"),
        List.of("type", "/ping abc\r"), List.of("expect", "pong in 3 bytes: \"abc\""),
        List.of("type", "/binary 01ff\r"), List.of("expect", "< \\[binary 2 bytes\\] 01ff"),
        List.of("type", "/quit\r"), List.of("expect", "close in code=1000")));
    List<String> command = new ArrayList<>(List.of("python3", Peer.script("pty_drive.py"), steps));
    command.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
        NettoolProcess.jar().toString(), "ws-client", "ws://127.0.0.1:" + port + "/"));

    Peer.PeerResult drive = launched.peer(new byte[0], command.toArray(String[]::new)).await(RUN);

    Map<String, Object> result = json(drive.text().trim());
    assertThat(result.get("ok")).as("%s", result).isEqualTo(true);
  }

  private int nodeServer(String... args) throws InterruptedException {
    List<String> command = new ArrayList<>(List.of("node", Peer.script("ws-server.js")));
    command.addAll(List.of(args));
    return port(launched.peer(null, command.toArray(String[]::new)));
  }

  private Peer pythonServer(String mode) {
    return launched.peer(null, python(), Peer.script("ws_server.py"), mode);
  }

  private static int port(Peer server) throws InterruptedException {
    return Integer.parseInt(server.awaitStdout("\"port\": ?(\\d+)", READY).group(1));
  }

  // Debian's python3-websockets belongs to the system's python3, which a python3 earlier on the PATH may not see.
  private static String python() {
    try {
      Process p = new ProcessBuilder("python3", "-c", "import websockets").redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0 ? "python3" : "/usr/bin/python3";
    } catch (IOException e) {
      return "/usr/bin/python3";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "python3";
    }
  }

  @SuppressWarnings("unchecked")
  private static String header(Map<String, Object> connection, String name) {
    return String.valueOf(((Map<String, Object>) connection.get("headers")).get(name));
  }

  private static Map<String, Object> json(String line) throws IOException {
    return JSON.std.mapFrom(line);
  }

  private static String sha256(byte[] bytes) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }
}
