package dev.nettool.servers.tcp;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class EchoHandlerTest {

  @Test
  void writesBackTheSameBufferItRead() {
    EmbeddedChannel ch = new EmbeddedChannel(EchoHandler.INSTANCE);
    ByteBuf in = Unpooled.copiedBuffer("hello", StandardCharsets.US_ASCII);
    ch.writeInbound(in);
    ByteBuf out = ch.readOutbound();
    assertThat(out).as("echo must not copy").isSameAs(in);
    assertThat(out.toString(StandardCharsets.US_ASCII)).isEqualTo("hello");
    out.release();
    assertThat(ch.finish()).isFalse();
  }

  @Test
  void flushesPendingBytesThenClosesWhenThePeerFinishes() {
    EmbeddedChannel ch = new EmbeddedChannel(EchoHandler.INSTANCE);
    ch.writeInbound(Unpooled.copiedBuffer("abc", StandardCharsets.US_ASCII));
    ch.pipeline().fireUserEventTriggered(ChannelInputShutdownEvent.INSTANCE);
    ch.runPendingTasks();
    ByteBuf out = ch.readOutbound();
    assertThat(out.toString(StandardCharsets.US_ASCII)).isEqualTo("abc");
    out.release();
    ByteBuf empty = ch.readOutbound();
    assertThat(empty.readableBytes()).isZero();
    empty.release();
    assertThat(ch.isOpen()).as("our side finishes after the peer's FIN").isFalse();
    assertThat(ch.finish()).isFalse();
  }
}
