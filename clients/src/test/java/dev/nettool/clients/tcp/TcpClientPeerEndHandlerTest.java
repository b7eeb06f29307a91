package dev.nettool.clients.tcp;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class TcpClientPeerEndHandlerTest {

  @Test
  void sendsWhatIsPendingThenClosesWhenThePeerFinishes() {
    EmbeddedChannel ch = new EmbeddedChannel(new TcpClientPeerEndHandler());
    ch.write(Unpooled.copiedBuffer("pending", StandardCharsets.UTF_8));
    ch.pipeline().fireUserEventTriggered(ChannelInputShutdownEvent.INSTANCE);

    assertThat(ch.isOpen()).isFalse();
    ByteBuf out = ch.readOutbound();
    assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("pending");
    out.release();
    ByteBuf empty = ch.readOutbound();
    assertThat(empty.isReadable()).isFalse();
    assertThat(ch.finish()).isFalse();
  }

  @Test
  void ignoresOtherEvents() {
    EmbeddedChannel ch = new EmbeddedChannel(new TcpClientPeerEndHandler());
    ch.pipeline().fireUserEventTriggered("something else");

    assertThat(ch.isOpen()).isTrue();
    assertThat(ch.finish()).isFalse();
  }
}
