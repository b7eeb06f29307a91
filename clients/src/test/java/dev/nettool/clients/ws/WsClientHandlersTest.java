package dev.nettool.clients.ws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nettool.protocols.expect.Expectation;
import dev.nettool.protocols.testing.RecordingEventSink;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The WebSocket client's handlers one by one, on embedded channels. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class WsClientHandlersTest {
  private final WsClientState state = new WsClientState();
  private final WsClientCloser closer = new WsClientCloser(state, Duration.ofSeconds(5));

  @Test
  void echoesTheServersCloseCodeAndClosesWhenTheServerStartsTheClose() {
    EmbeddedChannel ch = new EmbeddedChannel(new WsClientSendGuard(state), new WsClientCloseHandler(state));
    ch.writeInbound(new CloseWebSocketFrame(4001, "go away"));

    CloseWebSocketFrame answer = ch.readOutbound();
    assertThat(answer.statusCode()).isEqualTo(4001);
    answer.release();
    assertThat(state.closeCode).isEqualTo(4001);
    assertThat(state.closeReason).isEqualTo("go away");
    assertThat(state.serverClosed).isTrue();
    assertThat(ch.isOpen()).isFalse();
  }

  @Test
  void closesWithoutAnsweringWhenTheCloseFrameAnswersOurs() {
    EmbeddedChannel ch = new EmbeddedChannel(new WsClientSendGuard(state), new WsClientCloseHandler(state));
    closer.start(ch, 1000, "done");
    ((CloseWebSocketFrame) ch.readOutbound()).release();
    ch.writeInbound(new CloseWebSocketFrame(1000, "done"));

    assertThat(state.serverClosed).isFalse();
    assertThat((Object) ch.readOutbound()).as("no second close frame").isNull();
    assertThat(ch.isOpen()).isFalse();
  }

  @Test
  void dropsMessagesWrittenAfterOurCloseFrame() {
    EmbeddedChannel ch = new EmbeddedChannel(new WsClientSendGuard(state));
    ch.writeOutbound(new CloseWebSocketFrame(1000, ""));
    TextWebSocketFrame late = new TextWebSocketFrame("late");
    ch.writeOutbound(late);

    assertThat(state.closeSent).isTrue();
    ((CloseWebSocketFrame) ch.readOutbound()).release();
    assertThat((Object) ch.readOutbound()).isNull();
    assertThat(late.refCnt()).isZero();
  }

  @Test
  void answersAPingWithAPongCarryingItsPayload() {
    EmbeddedChannel ch = new EmbeddedChannel(new WsClientPingHandler(state));
    ch.writeInbound(new PingWebSocketFrame(Unpooled.copiedBuffer("abc", StandardCharsets.UTF_8)));

    PongWebSocketFrame pong = ch.readOutbound();
    assertThat(pong.content().toString(StandardCharsets.UTF_8)).isEqualTo("abc");
    pong.release();
    assertThat(ch.finish()).isFalse();
  }

  @Test
  void passesTheFirstNMessagesThenStartsTheCloseAndDropsTheRest() {
    EmbeddedChannel ch = new EmbeddedChannel(new WsClientCountHandler(2, closer, 4000, "enough"));
    ch.writeInbound(new TextWebSocketFrame("one"), new BinaryWebSocketFrame(Unpooled.wrappedBuffer(new byte[] {2})));
    TextWebSocketFrame third = new TextWebSocketFrame("three");
    ch.writeInbound(third);

    CloseWebSocketFrame close = ch.readOutbound();
    assertThat(close.statusCode()).isEqualTo(4000);
    assertThat(close.reasonText()).isEqualTo("enough");
    close.release();
    assertThat(ch.inboundMessages()).hasSize(2);
    assertThat(third.refCnt()).isZero();
    ch.finishAndReleaseAll();
  }

  @Test
  void matchesEachMessageOnItsOwnAndClosesOnceTheExpectationIsMet() {
    EmbeddedChannel ch = new EmbeddedChannel(
        new WsClientExpectHandler(Expectation.literal("ready"), state, closer, 1000, ""));
    ch.writeInbound(new TextWebSocketFrame("rea"), new TextWebSocketFrame("dy"));
    assertThat(state.expectationMet).as("split across two messages is no match").isFalse();
    ch.writeInbound(new TextWebSocketFrame("all ready now"));

    assertThat(state.expectationMet).isTrue();
    ((CloseWebSocketFrame) ch.readOutbound()).release();
    assertThat(ch.inboundMessages()).hasSize(3);
    ch.finishAndReleaseAll();
  }

  @Test
  void reportsMessagesBothWaysWithTextOrHexAndCountsThem() throws Exception {
    RecordingEventSink sink = new RecordingEventSink();
    EmbeddedChannel ch = new EmbeddedChannel(new WsClientReporter(sink, state));
    ch.writeInbound(new TextWebSocketFrame("héllo"));
    ch.writeOutbound(new BinaryWebSocketFrame(Unpooled.wrappedBuffer(new byte[] {1, (byte) 0xff})));

    assertThat(sink.take(Duration.ofSeconds(1)).fields()).containsEntry("direction", "in")
        .containsEntry("type", "text").containsEntry("text", "héllo").containsEntry("bytes", 6);
    assertThat(sink.take(Duration.ofSeconds(1)).text()).isEqualTo("message out binary 2 bytes: 01ff");
    assertThat(state.messagesIn).isEqualTo(1);
    assertThat(state.messagesOut).isEqualTo(1);
    ch.finishAndReleaseAll();
  }

  @Test
  void formatsMessagesAsLinesOrAsRawBytes() {
    ByteBuf payload = Unpooled.copiedBuffer("hi", StandardCharsets.UTF_8);
    ByteBuf line = WsMessageFormat.lines().format(null, true, payload);
    ByteBuf raw = WsMessageFormat.raw().format(null, false, payload);

    assertThat(line.toString(StandardCharsets.UTF_8)).isEqualTo("hi\n");
    assertThat(raw.toString(StandardCharsets.UTF_8)).isEqualTo("hi");
    line.release();
    raw.release();
    assertThat(payload.release()).as("the formats retained what they kept").isTrue();
  }

}
