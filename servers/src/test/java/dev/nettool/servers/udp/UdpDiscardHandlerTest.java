package dev.nettool.servers.udp;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class UdpDiscardHandlerTest {
  private static DatagramPacket packet(ByteBuf content) {
    return new DatagramPacket(content, new InetSocketAddress("127.0.0.1", 9), new InetSocketAddress("127.0.0.1", 5353));
  }

  @Test
  void releasesEachDatagramAndCountsItHandled() {
    CompletableFuture<Void> done = new CompletableFuture<>();
    UdpServerStats stats = new UdpServerStats(2, done);
    EmbeddedChannel ch = new EmbeddedChannel(new UdpDiscardHandler(stats));
    ByteBuf first = Unpooled.buffer().writeInt(1);

    ch.writeInbound(packet(first));

    assertThat(first.refCnt()).isZero();
    assertThat(done).isNotDone();
    ch.writeInbound(packet(Unpooled.buffer().writeInt(2)));
    assertThat(done).isDone();
    assertThat(stats.datagrams()).isEqualTo(2);
    assertThat(ch.finish()).isFalse();
  }
}
