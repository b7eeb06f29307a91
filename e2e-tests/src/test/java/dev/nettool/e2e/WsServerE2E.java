package dev.nettool.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.jr.ob.JSON;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code ws-server} against real WebSocket clients: Node's ws, python3's websockets, curl and raw sockets. */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class WsServerE2E {
  private static final Duration READY = Duration.ofSeconds(30);
  private static final Duration RUN = Duration.ofSeconds(60);

  @RegisterExtension final Launched launched = new Launched();

  @TempDir Path dir;

  /**
   * A python3 that imports websockets: the one on the PATH, or else the system's, where apt installs
   * python3-websockets (a python3 from pyenv or a venv on the PATH does not see it).
   */
  private String websocketsPython() throws Exception {
    Peer.PeerResult onPath = launched.peer(new byte[0], "python3", "-c", "import websockets").await(RUN);
    return onPath.exitCode() == 0 ? "python3" : "/usr/bin/python3";
  }

  private static Map<String, Object> json(Peer.PeerResult result) throws Exception {
    assertThat(result.exitCode()).as(result.describe() + " stdout: " + result.text()).isZero();
    return JSON.std.mapFrom(result.text());
  }

  @Test
  void nodeWsClientGetsItsMessagesBackWithTheChosenSubprotocolAndTheServerNamesPathAndOrigin() throws Exception {
    NettoolProcess server = launched.nettool("ws-server", "--port", "0", "--path", "/chat", "--subprotocol", "chat",
        "--subprotocol", "superchat", "-v");
    ReadyLine ready = server.awaitReady(READY);
    assertThat(ready.proto()).isEqualTo("ws");
    assertThat(ready.fields()).containsEntry("url", "ws://127.0.0.1:" + ready.port() + "/chat");

    Map<String, Object> node = json(launched.peer(new byte[0], "node", Peer.script("ws-echo.js"),
        ready.fields().get("url"), "--protocols", "superchat,chat", "--origin", "http://lab.test").await(RUN));

    assertThat(node).containsEntry("protocol", "superchat").containsEntry("pong", "hi")
        .containsEntry("close", 4000);
    assertThat(node.get("echoes")).isEqualTo(List.of("hello", "binary:010203", "big text intact"));
    server.awaitEvent("connection #1 from 127\\.0\\.0\\.1:\\d+ path=/chat subprotocol=superchat "
        + "origin=http://lab\\.test", RUN);
    server.awaitEvent("message #1 text 5 bytes: \"hello\"", RUN);
    server.awaitEvent("message #1 binary 3 bytes: \"\\\\x01\\\\x02\\\\x03\"", RUN);
    server.awaitEvent("ping #1 2 bytes", RUN);
    server.awaitEvent("close #1 code=4000 reason=\"bye\" by=peer in=20488 out=20488 .*", RUN);
  }

  @Test
  void pythonWebsocketsClientEchoesTextAndBinaryAndTheSecondSessionEndsACount() throws Exception {
    NettoolProcess server = launched.nettool("ws-server", "--port", "0", "--json", "--count", "2",
        "--subprotocol", "v2.echo");
    ReadyLine ready = server.awaitReady(READY);
    String url = "ws://127.0.0.1:" + ready.port() + "/";
    String python = websocketsPython();

    Map<String, Object> offered = json(launched.peer(new byte[0], python, Peer.script("ws_echo_client.py"), url,
        "v1.echo", "v2.echo").await(RUN));
    Map<String, Object> plain = json(launched.peer(new byte[0], python, Peer.script("ws_echo_client.py"), url)
        .await(RUN));

    assertThat(offered).containsEntry("subprotocol", "v2.echo").containsEntry("text", "héllo from python")
        .containsEntry("binary", "0001020304050607").containsEntry("close", 1000);
    assertThat(plain.get("subprotocol")).as("none asked, none chosen").isNull();
    assertThat(server.waitFor(RUN)).as(server.describe()).isZero();
    assertThat(server.eventLines()).anyMatch(l -> l.contains("\"event\":\"close\"") && l.contains("\"code\":1000")
        && l.contains("\"reason\":\"done\"") && l.contains("\"by\":\"peer\""));
    assertThat(server.eventLines().get(server.eventLines().size() - 1)).contains("\"event\":\"summary\"",
        "\"connections\":2");
  }

  @Test
  void protocolViolationsGetTheirCloseCodesWhileAnotherClientKeepsGettingEchoes() throws Exception {
    NettoolProcess server = launched.nettool("ws-server", "--port", "0", "--max-frame", "1KB", "--max-message", "4KB");
    int port = server.awaitPort(READY);
    Map<String, Integer> expected = new java.util.LinkedHashMap<>();
    expected.put("bad-utf8", 1007);
    expected.put("bad-utf8-fragments", 1007);
    expected.put("reserved-bits", 1002);
    expected.put("bad-opcode", 1002);
    expected.put("unmasked", 1002);
    expected.put("oversized-frame", 1009);
    expected.put("oversized-message", 1009);
    expected.put("ping-126", 1002);
    expected.put("fragmented-ping", 1002);
    expected.put("interleaved-ping", 1000);
    expected.put("close-4000", 4000);
    expected.put("close-1005", 1002);
    expected.put("close-1006", 1002);
    expected.put("close-999", 1002);
    expected.put("close-5000", 1002);
    List<String> cmd = new ArrayList<>(List.of("python3", Peer.script("ws_violations.py"), String.valueOf(port)));
    cmd.addAll(expected.keySet());

    Peer.PeerResult result = launched.peer(new byte[0], cmd.toArray(String[]::new)).await(RUN);

    assertThat(result.exitCode()).as(result.describe()).isZero();
    String[] lines = result.text().split("\n");
    assertThat(lines).hasSize(expected.size());
    for (String line : lines) {
      Map<String, Object> c = JSON.std.mapFrom(line);
      assertThat(c.get("close")).as(line).isEqualTo(expected.get((String) c.get("case")));
      assertThat(c.get("bystander")).as("the bystander got its echo after " + c.get("case")).isEqualTo(true);
    }
    assertThat(result.text()).as("the ping inside the fragmented message is answered, the message reassembled")
        .contains("\"case\": \"interleaved-ping\", \"close\": 1000, \"frames\": [[10, \"mid\"], [1, \"Hello\"]]");
    server.awaitEvent("close #\\d+ code=1009 reason=\"message too big: .*\" by=server .*", RUN);
  }

  @Test
  void echoesA100MegabyteBinaryStreamInOneMegabyteMessagesUnchanged() throws Exception {
    NettoolProcess server = launched.nettool("ws-server", "--port", "0", "-q", "--max-frame", "1MB");
    int port = server.awaitPort(READY);

    Map<String, Object> node = json(launched.peer(new byte[0], "node", Peer.script("ws-stream.js"),
        "ws://127.0.0.1:" + port + "/", "100").await(Duration.ofSeconds(240)));

    assertThat(node).containsEntry("close", 1000).containsEntry("messages", 100).containsEntry("bytes", 104857600);
    assertThat(node.get("received")).as("SHA-256 of the echo").isEqualTo(node.get("sent"));
  }

  @Test
  void wssWithTheGeneratedCaIsTrustedByNodeAndNegotiatesTls13() throws Exception {
    NettoolProcess server = launched.nettool("ws-server", "--port", "0", "--tls", "--cert-dir", dir.toString());
    ReadyLine ready = server.awaitReady(READY);
    assertThat(ready.fields()).containsEntry("tls", "on").containsKey("ca");
    assertThat(ready.fields().get("url")).startsWith("wss://127.0.0.1:");

    Map<String, Object> node = json(launched.peer(new byte[0], "node", Peer.script("ws-echo.js"),
        ready.fields().get("url"), "--ca", ready.fields().get("ca")).await(RUN));

    assertThat(node.get("echoes")).isEqualTo(List.of("hello", "binary:010203", "big text intact"));
    server.awaitEvent("connection #1 from 127\\.0\\.0\\.1:\\d+ path=/ tls=TLSv1\\.3 .*", RUN);
  }

  @Test
  void compressNegotiatesPermessageDeflateWithNodeAndEchoesThroughIt() throws Exception {
    NettoolProcess server = launched.nettool("ws-server", "--port", "0", "--compress");
    ReadyLine ready = server.awaitReady(READY);
    assertThat(ready.fields()).containsEntry("compress", "permessage-deflate");

    Map<String, Object> node = json(launched.peer(new byte[0], "node", Peer.script("ws-echo.js"),
        ready.fields().get("url"), "--compress").await(RUN));

    assertThat((String) node.get("extensions")).startsWith("permessage-deflate");
    assertThat(node.get("echoes")).isEqualTo(List.of("hello", "binary:010203", "big text intact"));
    assertThat(node).containsEntry("close", 4000);
  }

  @Test
  void failedUpgradesAreAnsweredWithRealHttpStatuses() throws Exception {
    NettoolProcess server = launched.nettool("ws-server", "--port", "0", "--path", "/ws");
    String base = "http://127.0.0.1:" + server.awaitPort(READY);

    assertThat(curl(base + "/elsewhere")).startsWith("HTTP/1.1 404 ");
    assertThat(curl(base + "/ws")).startsWith("HTTP/1.1 426 ").containsIgnoringCase("upgrade: websocket");
    assertThat(curl(base + "/ws", "-X", "POST")).startsWith("HTTP/1.1 405 ").containsIgnoringCase("allow: GET");
    assertThat(curl(base + "/ws", "-H", "Upgrade: websocket", "-H", "Connection: Upgrade",
        "-H", "Sec-WebSocket-Version: 13")).startsWith("HTTP/1.1 400 ")
        .containsIgnoringCase("sec-websocket-version: 13").contains("Sec-WebSocket-Key");
    assertThat(curl(base + "/ws", "-H", "Upgrade: websocket", "-H", "Connection: Upgrade",
        "-H", "Sec-WebSocket-Version: 8", "-H", "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ=="))
        .startsWith("HTTP/1.1 400 ").containsIgnoringCase("sec-websocket-version: 13");
    server.awaitEvent("reject #1 404 GET /elsewhere: no WebSocket at this path", RUN);
  }

  private String curl(String url, String... extra) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("curl", "-s", "-i", "--max-time", "20"));
    cmd.addAll(List.of(extra));
    cmd.add(url);
    Peer.PeerResult r = launched.peer(new byte[0], cmd.toArray(String[]::new)).await(RUN);
    return r.text();
  }

  @Test
  void pingIntervalDropsAPeerThatNeverAnswersWithATimeoutEvent() throws Exception {
    NettoolProcess server = launched.nettool("ws-server", "--port", "0", "--ping-interval", "300ms");
    int port = server.awaitPort(READY);

    Map<String, Object> silent = json(launched.peer(new byte[0], "python3", Peer.script("ws_silent.py"),
        String.valueOf(port)).await(RUN));

    assertThat(silent).containsEntry("pings", 1);
    assertThat(silent.get("close")).as("a dead peer gets no Close frame").isNull();
    server.awaitEvent("timeout #1 pong 300(\\.0)?ms", RUN);
    server.awaitEvent("close #1 code=1006 in=0 out=0 .*", RUN);
  }

  @Test
  void sigtermClosesOpenSessionsWith1001AndPrintsTheSummaryLast() throws Exception {
    NettoolProcess server = launched.nettool("ws-server", "--port", "0");
    int port = server.awaitPort(READY);
    Peer silent = launched.peer(new byte[0], "python3", Peer.script("ws_silent.py"), String.valueOf(port));
    server.awaitEvent("connection #1 .*", RUN);

    server.sigterm();

    assertThat(server.waitFor(RUN)).as(server.describe()).isZero();
    Map<String, Object> seen = json(silent.await(RUN));
    assertThat(seen).containsEntry("close", 1001);
    List<String> lines = server.eventLines();
    assertThat(lines.get(lines.size() - 1)).startsWith("summary ws 1 connections ");
  }
}
