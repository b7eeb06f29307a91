package dev.nettool.servers.ws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class WsFrameDecoderTest {
  private static final int MAX_FRAME = 200_000;

  private static EmbeddedChannel channel(boolean extensions) {
    return new EmbeddedChannel(new WsFrameDecoder(WsHandshaker.decoderConfig(MAX_FRAME, 1 << 20, extensions)));
  }

  private static byte[] bytes(int n, long seed) {
    byte[] b = new byte[n];
    new Random(seed).nextBytes(b);
    return b;
  }

  @Test
  void aFramesPayloadIsTheBufferItWasReadInUnmaskedInPlace() {
    EmbeddedChannel ch = channel(false);
    ByteBuf wire = Unpooled.directBuffer().writeBytes(WsWire.text("hello, lab", true));
    ch.writeInbound(wire);
    TextWebSocketFrame frame = ch.readInbound();
    assertThat(frame.text()).isEqualTo("hello, lab");
    assertThat(frame.isFinalFragment()).isTrue();
    // No copy: the frame holds the read buffer itself, which goes back when the frame is done with.
    assertThat(wire.refCnt()).isEqualTo(1);
    frame.release();
    assertThat(wire.refCnt()).isZero();
    assertThat(ch.finish()).isFalse();
  }

  @Test
  void aFrameThatComesInPiecesOfEveryLengthIsUnmaskedWhole() {
    byte[] payload = bytes(150_000, 7);
    ByteBuf whole = WsWire.frame(2, payload, true, 0, true);
    EmbeddedChannel ch = channel(false);
    Random sizes = new Random(3);
    while (whole.isReadable()) {
      int n = Math.min(whole.readableBytes(), 1 + sizes.nextInt(9_000));
      ch.writeInbound(Unpooled.directBuffer(n).writeBytes(whole, n));
    }
    whole.release();
    BinaryWebSocketFrame frame = ch.readInbound();
    assertThat(ByteBufUtil.getBytes(frame.content())).isEqualTo(payload);
    frame.release();
    assertThat((Object) ch.readInbound()).isNull();
    assertThat(ch.finish()).isFalse();
  }

  @Test
  void framesBackToBackInOneReadComeOutInOrderWithAPingBetweenFragments() {
    EmbeddedChannel ch = channel(false);
    ByteBuf wire = Unpooled.buffer()
        .writeBytes(WsWire.text("frag", false))
        .writeBytes(WsWire.frame(9, "p".getBytes(StandardCharsets.US_ASCII), true, 0, true))
        .writeBytes(WsWire.frame(0, "ment".getBytes(StandardCharsets.US_ASCII), true, 0, true))
        .writeBytes(WsWire.frame(2, new byte[0], true, 0, true));
    ch.writeInbound(wire);
    TextWebSocketFrame first = ch.readInbound();
    PingWebSocketFrame ping = ch.readInbound();
    ContinuationWebSocketFrame rest = ch.readInbound();
    BinaryWebSocketFrame empty = ch.readInbound();
    assertThat(first.text()).isEqualTo("frag");
    assertThat(first.isFinalFragment()).isFalse();
    assertThat(ping.content().toString(StandardCharsets.US_ASCII)).isEqualTo("p");
    assertThat(rest.text()).isEqualTo("ment");
    assertThat(rest.isFinalFragment()).isTrue();
    assertThat(empty.content().readableBytes()).isZero();
    for (WebSocketFrame f : new WebSocketFrame[] {first, ping, rest, empty}) {
      f.release();
    }
    assertThat(ch.finish()).isFalse();
  }

  @Test
  void nothingAfterACloseIsRead() {
    EmbeddedChannel ch = channel(false);
    ch.writeInbound(Unpooled.buffer().writeBytes(WsWire.close(1000)).writeBytes(WsWire.text("late", true)));
    CloseWebSocketFrame close = ch.readInbound();
    assertThat(close.statusCode()).isEqualTo(1000);
    close.release();
    assertThat((Object) ch.readInbound()).isNull();
    ch.finishAndReleaseAll();
  }

  @Test
  void reservedBitsPassOnlyWhenAnExtensionMayUseThem() {
    EmbeddedChannel with = channel(true);
    with.writeInbound(WsWire.frame(1, "x".getBytes(StandardCharsets.US_ASCII), true, 4, true));
    WebSocketFrame frame = with.readInbound();
    assertThat(frame.rsv()).isEqualTo(4);
    frame.release();
    with.finishAndReleaseAll();

    refused(WsWire.frame(1, "x".getBytes(StandardCharsets.US_ASCII), true, 4, true), 1002, "RSV != 0");
  }

  @Test
  void protocolViolationsAreAnsweredWithACloseAndNothingAfterThemIsRead() {
    byte[] small = "x".getBytes(StandardCharsets.US_ASCII);
    refused(WsWire.frame(1, small, true, 0, false), 1002, "not masked");
    refused(WsWire.frame(9, small, false, 0, true), 1002, "fragmented control frame");
    refused(WsWire.frame(9, new byte[126], true, 0, true), 1002, "control frame with payload length > 125");
    refused(WsWire.frame(0xB, small, true, 0, true), 1002, "control frame using reserved opcode 11");
    refused(WsWire.frame(3, small, true, 0, true), 1002, "data frame using reserved opcode 3");
    refused(WsWire.frame(0, small, true, 0, true), 1002, "continuation data frame outside fragmented message");
    refused(Unpooled.buffer().writeBytes(WsWire.text("a", false)).writeBytes(WsWire.text("b", true)), 1002,
        "non-continuation data frame while inside fragmented message", 1);
    // Lengths not in their shortest form: 5 said in 16 bits, 300 said in 64.
    refused(Unpooled.buffer().writeByte(0x82).writeByte(0x80 | 126).writeShort(5).writeInt(0).writeZero(5), 1002,
        "minimal length encoding");
    refused(Unpooled.buffer().writeByte(0x82).writeByte(0x80 | 127).writeLong(300).writeInt(0).writeZero(300), 1002,
        "minimal length encoding");
    refused(Unpooled.buffer().writeByte(0x82).writeByte(0x80 | 127).writeLong(-1L), 1002, "negative length");
    refused(WsWire.frame(2, new byte[MAX_FRAME + 1], true, 0, true), 1009,
        "Max frame length of " + MAX_FRAME + " has been exceeded.");
  }

  private static void refused(ByteBuf wire, int code, String reason) {
    refused(wire, code, reason, 0);
  }

  /** The frames in {@code wire} are refused with {@code code} after {@code validBefore} good ones. */
  private static void refused(ByteBuf wire, int code, String reason, int validBefore) {
    EmbeddedChannel ch = channel(false);
    ByteBuf withMore = wire.writeBytes(WsWire.text("after", true));
    assertThatThrownBy(() -> ch.writeInbound(withMore)).as(reason)
        .isInstanceOf(CorruptedWebSocketFrameException.class).hasMessageContaining(reason);
    CloseWebSocketFrame close = ch.readOutbound();
    assertThat(close.statusCode()).as(reason).isEqualTo(code);
    assertThat(close.reasonText()).contains(reason);
    close.release();
    for (int i = 0; i < validBefore; i++) {
      WebSocketFrame good = ch.readInbound();
      good.release();
    }
    assertThat((Object) ch.readInbound()).as(reason).isNull(); // the frame behind it is not read
    assertThat(ch.isOpen()).as(reason).isFalse();
    ch.finishAndReleaseAll();
  }
}
