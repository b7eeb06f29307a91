package dev.nettool.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.jr.ob.JSON;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * WebSocket on {@code http-server}: {@code /ws/echo} for Node's ws, {@code /ws/chat} in headless Chromium talking
 * with a Node client and with {@code ws-client}.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class HttpWsE2E {
  private static final Duration READY = Duration.ofSeconds(30);
  private static final Duration RUN = Duration.ofSeconds(90);

  @RegisterExtension final Launched launched = new Launched();

  private static Map<String, Object> json(Peer.PeerResult result) throws Exception {
    assertThat(result.exitCode()).as(result.describe() + " stdout: " + result.text()).isZero();
    return JSON.std.mapFrom(result.text());
  }

  @Test
  void nodeWsClientGetsItsMessagesBackFromWsEchoAndTheRequestShowsAs101() throws Exception {
    NettoolProcess server = launched.nettool("http-server", "--port", "0");
    int port = server.awaitPort(READY);

    Map<String, Object> node = json(launched.peer(new byte[0], "node", Peer.script("ws-echo.js"),
        "ws://127.0.0.1:" + port + "/ws/echo").await(RUN));

    assertThat(node.get("echoes")).isEqualTo(List.of("hello", "binary:010203", "big text intact"));
    assertThat(node).containsEntry("pong", "hi").containsEntry("close", 4000);
    server.awaitEvent("connection #1 from 127\\.0\\.0\\.1:\\d+ path=/ws/echo", RUN);
    server.awaitEvent("close #1 code=4000 reason=\"bye\" by=peer .*", RUN);
  }

  @Test
  void theChatPageInChromiumAndANodeClientSeeEachOthersMessagesThroughWsBroadcast() throws Exception {
    NettoolProcess server = launched.nettool("http-server", "--port", "0");
    int port = server.awaitPort(READY);

    Map<String, Object> chat = json(launched.peer(new byte[0], "node", Peer.script("ws-chat-page.js"),
        "http://127.0.0.1:" + port).await(RUN));

    assertThat(chat.get("log")).isEqualTo(List.of("info: connected to ws://127.0.0.1:" + port + "/ws/broadcast",
        "message: from node", "message: from the browser"));
    assertThat(chat.get("received")).as("the sender gets its own message too")
        .isEqualTo(List.of("from node", "from the browser"));
  }

  @Test
  void theChatPageInChromiumAndAWsClientSeeEachOthersMessagesThroughWsBroadcast() throws Exception {
    NettoolProcess server = launched.nettool("http-server", "--port", "0");
    int port = server.awaitPort(READY);
    Peer browser = launched.peer(new byte[0], "node", Peer.script("ws-chat-browser.js"), "http://127.0.0.1:" + port);
    browser.awaitStderr("page ready", RUN);

    NettoolProcess client = launched.nettool("ws-client", "ws://127.0.0.1:" + port + "/ws/broadcast",
        "--data", "from ws-client", "--expect", "from the browser", "--timeout", "60s");

    assertThat(client.waitFor(RUN)).as(client.describe()).isZero();
    assertThat(client.stdout().lines()).as("its own broadcast, then the browser's message")
        .containsExactly("from ws-client", "from the browser");
    Map<String, Object> page = json(browser.await(RUN));
    assertThat(page.get("log")).isEqualTo(List.of("info: connected to ws://127.0.0.1:" + port + "/ws/broadcast",
        "message: from ws-client", "message: from the browser"));
  }
}
