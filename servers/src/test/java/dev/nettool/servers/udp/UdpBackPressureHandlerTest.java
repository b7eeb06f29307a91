package dev.nettool.servers.udp;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class UdpBackPressureHandlerTest {
  private static DatagramPacket echo(int bytes) {
    return new DatagramPacket(Unpooled.wrappedBuffer(new byte[bytes]), new InetSocketAddress("127.0.0.1", 9));
  }

  @Test
  void stopsReadingWhileEchoesPileUpAndResumesWhenTheyDrain() {
    EmbeddedChannel ch = new EmbeddedChannel();
    // Holds flushes back, as a full socket send buffer would.
    HeldFlush held = new HeldFlush();
    ch.pipeline().addLast(held, UdpBackPressureHandler.INSTANCE);
    ch.config().setWriteBufferWaterMark(new WriteBufferWaterMark(8, 16));

    ch.write(echo(32));
    assertThat(ch.isWritable()).isFalse();
    assertThat(ch.config().isAutoRead()).as("reading stops").isFalse();

    held.release(ch);
    assertThat(ch.isWritable()).isTrue();
    assertThat(ch.config().isAutoRead()).as("reading resumes once the echoes are out").isTrue();
    ch.releaseOutbound();
    assertThat(ch.finish()).isFalse();
  }

  @Test
  void keepsReadingWhenTheFlushDrainsAtOnce() {
    EmbeddedChannel ch = new EmbeddedChannel(UdpBackPressureHandler.INSTANCE);
    ch.config().setWriteBufferWaterMark(new WriteBufferWaterMark(8, 16));

    ch.write(echo(32));

    assertThat(ch.isWritable()).isTrue();
    assertThat(ch.config().isAutoRead()).as("not left off while writable").isTrue();
    ch.releaseOutbound();
    assertThat(ch.finish()).isFalse();
  }

  /** Swallows flushes until released. */
  private static final class HeldFlush extends ChannelOutboundHandlerAdapter {
    private boolean holding = true;

    @Override
    public void flush(ChannelHandlerContext ctx) {
      if (!holding) {
        ctx.flush();
      }
    }

    void release(EmbeddedChannel ch) {
      holding = false;
      ch.flush();
    }
  }
}
