package dev.nettool.servers.tcp;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class TcpModeHandlersTest {

  @Test
  void discardDropsEverythingAndAnswersNothing() {
    ByteBuf in = Unpooled.copiedBuffer("drop me", StandardCharsets.US_ASCII);
    EmbeddedChannel ch = new EmbeddedChannel(DiscardHandler.INSTANCE);
    ch.writeInbound(in);
    assertThat(in.refCnt()).as("released").isZero();
    assertThat((Object) ch.readOutbound()).isNull();
    assertThat(ch.finish()).isFalse();
  }

  @Test
  void replyAnswersEveryDataEventWithTheText() {
    EmbeddedChannel ch = new EmbeddedChannel(new ReplyHandler("ok\n".getBytes(StandardCharsets.US_ASCII)));
    ch.writeInbound(Unpooled.copiedBuffer("a", StandardCharsets.US_ASCII));
    ch.writeInbound(Unpooled.copiedBuffer("b", StandardCharsets.US_ASCII));
    assertThat(readAll(ch)).isEqualTo("ok\nok\n");
    assertThat(ch.finish()).isFalse();
  }

  @Test
  void replyFinishesWhenThePeerDoes() {
    EmbeddedChannel ch = new EmbeddedChannel(new ReplyHandler("ok".getBytes(StandardCharsets.US_ASCII)));
    ch.pipeline().fireUserEventTriggered(ChannelInputShutdownEvent.INSTANCE);
    ch.runPendingTasks();
    readAll(ch);
    assertThat(ch.isOpen()).isFalse();
  }

  @Test
  void sourceSendsExactlyTheChargenPatternThenCloses() {
    int size = 200_000;
    EmbeddedChannel ch = new EmbeddedChannel(new SourceHandler(size));
    ch.runPendingTasks();
    ByteArrayOutputStream got = new ByteArrayOutputStream();
    for (Object o; (o = ch.readOutbound()) != null; ) {
      ByteBuf b = (ByteBuf) o;
      byte[] bytes = new byte[b.readableBytes()];
      b.readBytes(bytes);
      got.writeBytes(bytes);
      b.release();
    }
    byte[] bytes = got.toByteArray();
    assertThat(bytes).hasSize(size);
    for (int i = 0; i < size; i++) {
      if (bytes[i] != Chargen.byteAt(i)) {
        throw new AssertionError("byte " + i + " differs from the pattern");
      }
    }
    assertThat(ch.isOpen()).isFalse();
  }

  @Test
  void chargenLinesRotateThroughPrintableAscii() {
    StringBuilder first = new StringBuilder();
    StringBuilder second = new StringBuilder();
    for (int i = 0; i < Chargen.LINE; i++) {
      first.append((char) Chargen.byteAt(i));
      second.append((char) Chargen.byteAt(Chargen.LINE + i));
    }
    assertThat(first.toString()).startsWith(" !\"#$%&'()*+,-./0123").endsWith("defg\r\n");
    assertThat(second.toString()).startsWith("!\"#$%").endsWith("efgh\r\n");
    assertThat(Chargen.byteAt(Chargen.CYCLE_LENGTH)).isEqualTo(Chargen.byteAt(0));
  }

  @Test
  void welcomeIsWrittenOnConnectThenStepsAside() {
    WelcomeHandler welcome = new WelcomeHandler("Welcome to Nodejs\n".getBytes(StandardCharsets.US_ASCII));
    EmbeddedChannel ch = new EmbeddedChannel(welcome, EchoHandler.INSTANCE);
    assertThat(readAll(ch)).isEqualTo("Welcome to Nodejs\n");
    assertThat(ch.pipeline().get(WelcomeHandler.class)).isNull();
    ch.writeInbound(Unpooled.copiedBuffer("x", StandardCharsets.US_ASCII));
    assertThat(readAll(ch)).isEqualTo("x");
    assertThat(ch.finish()).isFalse();
  }

  private static String readAll(EmbeddedChannel ch) {
    StringBuilder sb = new StringBuilder();
    for (Object o; (o = ch.readOutbound()) != null; ) {
      ByteBuf b = (ByteBuf) o;
      sb.append(b.toString(StandardCharsets.US_ASCII));
      b.release();
    }
    return sb.toString();
  }
}
