package dev.nettool.servers.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nettool.protocols.event.Verbosity;
import dev.nettool.protocols.testing.RecordingEventSink;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The WebSocket routes on the whole HTTP pipeline: the upgrade leaves HTTP for good. */
@Timeout(10)
class HttpWsRoutesTest {
  private static final String UPGRADE = "GET /ws/echo HTTP/1.1\r\nHost: lab\r\nUpgrade: websocket\r\n"
      + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
      + "Origin: http://lab.test\r\n\r\n";

  private final RecordingEventSink sink = new RecordingEventSink(Verbosity.VERBOSE, false);
  private EmbeddedChannel ch;

  private EmbeddedChannel channel() {
    HttpServerConfig config = HttpServerConfig.builder().build();
    HttpServerStats stats = new HttpServerStats(0, new java.util.concurrent.CompletableFuture<>(),
        new io.netty.channel.group.DefaultChannelGroup(io.netty.util.concurrent.GlobalEventExecutor.INSTANCE));
    ch = new EmbeddedChannel(new HttpServerInitializer(config, sink, stats,
        HttpServerRoutes.build(config, sink), null));
    return ch;
  }

  @AfterEach
  void finish() {
    if (ch != null) {
      ch.finishAndReleaseAll();
    }
  }

  private String written() {
    StringBuilder all = new StringBuilder();
    for (Object o; (o = ch.readOutbound()) != null; ) {
      if (o instanceof ByteBuf b) {
        all.append(b.toString(StandardCharsets.ISO_8859_1));
      }
      ReferenceCountUtil.release(o);
    }
    return all.toString();
  }

  @Test
  void upgradesAtWsEchoAndThenEchoesFramesInsteadOfParsingHttp() throws Exception {
    channel().writeInbound(Unpooled.copiedBuffer(UPGRADE, StandardCharsets.US_ASCII));
    assertThat(written()).startsWith("HTTP/1.1 101 Switching Protocols");
    sink.take("connection", Duration.ofSeconds(1)); // the HTTP connection's own, on accept
    assertThat(sink.take("connection", Duration.ofSeconds(1)).text()).contains("path=/ws/echo origin=http://lab.test");

    // A masked text frame "hi" (mask 0): the answer is the unmasked frame.
    ch.writeInbound(Unpooled.wrappedBuffer(new byte[] {(byte) 0x81, (byte) 0x82, 0, 0, 0, 0, 'h', 'i'}));

    String echoed = written();
    assertThat(echoed.chars().mapToObj(c -> Integer.toHexString(c)).toList()).containsExactly("81", "2", "68", "69");
    assertThat(ch.pipeline().names()).doesNotContain("dispatch", "codec");
  }

  @Test
  void aPlainGetOnAWebSocketRouteIsAnswered426AndTheChatPageIsHtml() throws Exception {
    channel().writeInbound(Unpooled.copiedBuffer("GET /ws/chat HTTP/1.1\r\nHost: lab\r\n\r\n",
        StandardCharsets.US_ASCII));
    assertThat(written()).startsWith("HTTP/1.1 200 OK").contains("new WebSocket(url)", "/ws/broadcast");

    ch.writeInbound(Unpooled.copiedBuffer("GET /ws/echo HTTP/1.1\r\nHost: lab\r\n\r\n", StandardCharsets.US_ASCII));
    assertThat(written()).startsWith("HTTP/1.1 426 Upgrade Required").containsIgnoringCase("upgrade: websocket");
  }
}
