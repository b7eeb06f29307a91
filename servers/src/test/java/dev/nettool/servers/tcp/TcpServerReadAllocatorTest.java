package dev.nettool.servers.tcp;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.AdaptiveRecvByteBufAllocator;
import io.netty.channel.DefaultChannelConfig;
import io.netty.channel.RecvByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

class TcpServerReadAllocatorTest {
  @Test
  void readsUpToSixteenBuffersPerWakeUp() {
    assertThat(TcpServer.readAllocator().maxMessagesPerRead())
        .as("a hand-made allocator reads one buffer per wake-up unless told otherwise").isEqualTo(16);
  }

  @Test
  void aStreamOfSmallMessagesNeverShrinksTheGuessToTheirSize() {
    AdaptiveRecvByteBufAllocator allocator = TcpServer.readAllocator();
    RecvByteBufAllocator.Handle handle = allocator.newHandle();
    DefaultChannelConfig config = new DefaultChannelConfig(new EmbeddedChannel());
    for (int i = 0; i < 100; i++) {
      handle.reset(config);
      handle.attemptedBytesRead(handle.guess());
      handle.lastBytesRead(64);
      handle.incMessagesRead(1);
      handle.readComplete();
    }

    assertThat(handle.guess()).as("a 64-byte buffer filled by a 64-byte message means another read")
        .isGreaterThanOrEqualTo(512);
  }

  @Test
  void aBulkStreamGrowsTheGuessTo64KiB() {
    RecvByteBufAllocator.Handle handle = TcpServer.readAllocator().newHandle();
    DefaultChannelConfig config = new DefaultChannelConfig(new EmbeddedChannel());
    for (int i = 0; i < 20; i++) {
      handle.reset(config);
      handle.attemptedBytesRead(handle.guess());
      handle.lastBytesRead(handle.guess());
      handle.incMessagesRead(1);
      handle.readComplete();
    }

    assertThat(handle.guess()).isEqualTo(65536);
  }
}
