package dev.nettool.clients.udp;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class UdpPingProbeTest {
  @Test
  void aProbeIsPaddedToItsSizeAndReadsBack() {
    ByteBuf b = new UdpPingProbe(7, 123_456_789L).writeTo(ByteBufAllocator.DEFAULT.buffer(64), 64);
    try {
      assertThat(b.readableBytes()).isEqualTo(64);
      assertThat(UdpPingProbe.decode(b)).isEqualTo(new UdpPingProbe(7, 123_456_789L));
      assertThat(b.readerIndex()).as("decoding does not consume").isZero();
    } finally {
      b.release();
    }
  }

  @Test
  void theSmallestProbeHoldsJustTagSequenceAndTime() {
    ByteBuf b = new UdpPingProbe(1, 1L).writeTo(ByteBufAllocator.DEFAULT.buffer(), UdpClientConfig.MIN_PING_SIZE);
    try {
      assertThat(b.readableBytes()).isEqualTo(16);
      assertThat(UdpPingProbe.decode(b).seq()).isEqualTo(1);
    } finally {
      b.release();
    }
  }

  @Test
  void aDatagramThatIsNotAProbeIsIgnored() {
    ByteBuf text = Unpooled.copiedBuffer("this is not a ping probe", StandardCharsets.UTF_8);
    assertThat(UdpPingProbe.decode(text)).isNull();
    assertThat(UdpPingProbe.decode(Unpooled.buffer().writeInt(0x6e747067))).as("too short").isNull();
  }
}
