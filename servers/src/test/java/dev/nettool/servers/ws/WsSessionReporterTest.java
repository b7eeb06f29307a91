package dev.nettool.servers.ws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nettool.protocols.address.Endpoint;
import dev.nettool.protocols.event.Event;
import dev.nettool.protocols.event.Verbosity;
import dev.nettool.protocols.server.Connections;
import dev.nettool.protocols.testing.RecordingEventSink;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class WsSessionReporterTest {
  private static final Duration WAIT = Duration.ofSeconds(1);
  private final AtomicLong bytesIn = new AtomicLong();

  private EmbeddedChannel channel(RecordingEventSink sink) {
    EmbeddedChannel ch = new EmbeddedChannel();
    ch.attr(Connections.ID).set(3L);
    ch.pipeline().addLast(new WsSessionReporter(sink, new Endpoint.Inet("127.0.0.1", 80),
        new WsHandshake("/", null, null), (in, out) -> bytesIn.set(in)));
    return ch;
  }

  @Test
  void messagesShowTheirSizeAndOnlyWithVerboseTheirPayload() throws Exception {
    RecordingEventSink normal = new RecordingEventSink(Verbosity.NORMAL, false);
    EmbeddedChannel ch = channel(normal);
    ch.writeInbound(new TextWebSocketFrame("hello"));
    assertThat(normal.take("message", WAIT).text()).isEqualTo("message #3 text 5 bytes");

    RecordingEventSink verbose = new RecordingEventSink(Verbosity.VERBOSE, false);
    EmbeddedChannel shown = channel(verbose);
    shown.writeInbound(new TextWebSocketFrame("hello"));
    Event message = verbose.take("message", WAIT);
    assertThat(message.text()).isEqualTo("message #3 text 5 bytes: \"hello\"");
    assertThat(message.fields()).containsEntry("type", "text").containsEntry("payload", "hello");
    ch.finishAndReleaseAll();
    shown.finishAndReleaseAll();
  }

  @Test
  void verboseTextShowsCharactersNotBytesAndCutsALongMessageWhileJsonKeepsItAll() throws Exception {
    RecordingEventSink sink = new RecordingEventSink(Verbosity.VERBOSE, false);
    EmbeddedChannel ch = channel(sink);
    ch.writeInbound(new TextWebSocketFrame("h\u00e9llo\n"));
    ch.writeInbound(new TextWebSocketFrame("x".repeat(300)));

    assertThat(sink.take("message", WAIT).text()).isEqualTo("message #3 text 7 bytes: \"h\u00e9llo\\n\"");
    Event longOne = sink.take("message", WAIT);
    assertThat(longOne.text()).isEqualTo("message #3 text 300 bytes: \"" + "x".repeat(200) + "\"...");
    assertThat(longOne.fields()).containsEntry("payload", "x".repeat(300));
    ch.finishAndReleaseAll();
  }

  @Test
  void hexDumpsBinaryMessagesAndCountsPingsAndThePeersCloseCode() throws Exception {
    RecordingEventSink sink = new RecordingEventSink(Verbosity.NORMAL, true);
    EmbeddedChannel ch = channel(sink);
    ch.writeInbound(new BinaryWebSocketFrame(Unpooled.wrappedBuffer(new byte[] {0x41, 0x42})));
    ch.writeInbound(new PingWebSocketFrame(Unpooled.wrappedBuffer(new byte[] {1})));
    ch.writeInbound(new CloseWebSocketFrame(1001, "going"));
    ch.writeOutbound(new CloseWebSocketFrame(1001, ""));
    ch.close();

    Event binary = sink.take("message", WAIT);
    assertThat(binary.fields()).containsEntry("hex", "4142");
    assertThat(binary.text()).startsWith("message #3 binary 2 bytes").contains("|AB");
    assertThat(sink.take("ping", WAIT).text()).isEqualTo("ping #3 1 bytes");
    assertThat(sink.take("close", WAIT).text()).startsWith("close #3 code=1001 reason=\"going\" by=peer in=2 out=0 ");
    assertThat(bytesIn).hasValue(2);
    ch.finishAndReleaseAll();
  }

  @Test
  void aConnectionThatEndsWithoutACloseFrameIs1006() throws Exception {
    RecordingEventSink sink = new RecordingEventSink(Verbosity.NORMAL, false);
    EmbeddedChannel ch = channel(sink);
    ch.close();
    assertThat(sink.take("close", WAIT).fields()).containsEntry("code", 1006).doesNotContainKey("by");
    ch.finishAndReleaseAll();
  }
}
