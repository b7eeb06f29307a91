package dev.nettool.servers.udp;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class UdpEchoHandlerTest {
  private static final InetSocketAddress SERVER = new InetSocketAddress("127.0.0.1", 7);
  private static final InetSocketAddress PEER = new InetSocketAddress("127.0.0.1", 5353);

  private final CompletableFuture<Void> done = new CompletableFuture<>();
  private final UdpServerStats stats = new UdpServerStats(0, done);

  private static DatagramPacket packet(ByteBuf content) {
    return new DatagramPacket(content, SERVER, PEER);
  }

  @Test
  void sendsTheReceivedBufferBackToItsSender() {
    EmbeddedChannel ch = new EmbeddedChannel(new UdpEchoHandler(stats));
    ByteBuf content = Unpooled.copiedBuffer("hello\n", StandardCharsets.UTF_8);

    ch.writeInbound(packet(content));

    DatagramPacket echo = ch.readOutbound();
    assertThat(echo.recipient()).isEqualTo(PEER);
    assertThat(echo.content()).as("the very buffer received, not a copy").isSameAs(content);
    assertThat(echo.content().toString(StandardCharsets.UTF_8)).isEqualTo("hello\n");
    assertThat(content.refCnt()).isEqualTo(1);
    echo.release();
    assertThat(ch.finish()).isFalse();
  }

  @Test
  void flushesOncePerReadBurst() {
    EmbeddedChannel ch = new EmbeddedChannel(new UdpEchoHandler(stats));

    ch.pipeline().fireChannelRead(packet(Unpooled.copiedBuffer("a", StandardCharsets.UTF_8)));
    ch.pipeline().fireChannelRead(packet(Unpooled.copiedBuffer("b", StandardCharsets.UTF_8)));
    assertThat(ch.outboundMessages()).as("nothing flushed before the burst ends").isEmpty();

    ch.pipeline().fireChannelReadComplete();
    assertThat(ch.outboundMessages()).hasSize(2);
    ch.releaseOutbound();
    assertThat(ch.finish()).isFalse();
  }

  @Test
  void completesTheCountOnceTheLastEchoIsWritten() {
    UdpServerStats counted = new UdpServerStats(2, done);
    EmbeddedChannel ch = new EmbeddedChannel(new UdpEchoHandler(counted));

    ch.writeInbound(packet(Unpooled.copiedBuffer("1", StandardCharsets.UTF_8)));
    assertThat(done).isNotDone();
    ch.writeInbound(packet(Unpooled.copiedBuffer("2", StandardCharsets.UTF_8)));

    assertThat(done).isDone();
    assertThat(counted.datagrams()).isEqualTo(2);
    ch.releaseOutbound();
    assertThat(ch.finish()).isFalse();
  }

  @Test
  void countsBytesInAndOutThroughTheCounter() {
    EmbeddedChannel ch = new EmbeddedChannel(new UdpTrafficCounter(stats), new UdpEchoHandler(stats));

    ch.writeInbound(packet(Unpooled.copiedBuffer("12345", StandardCharsets.UTF_8)));

    assertThat(stats.bytesIn()).isEqualTo(5);
    assertThat(stats.bytesOut()).isEqualTo(5);
    assertThat(stats.datagrams()).isEqualTo(1);
    ch.releaseOutbound();
    assertThat(ch.finish()).isFalse();
  }
}
