package dev.nettool.clients.tcp;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class TcpClientOutputPumpTest {
  private static final int CHUNK = 64 << 10;
  private final EmbeddedChannel ch = new EmbeddedChannel();
  private final List<ByteBuf> offered = new ArrayList<>();

  @Test
  void writesEveryChunkInOrderAndReleasesIt() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    TcpClientOutputPump pump = new TcpClientOutputPump(TcpClientOutput.raw(out));
    for (int i = 0; i < 100; i++) {
      pump.offer(ch, chunk((byte) i, 1000));
    }
    pump.end().get(5, TimeUnit.SECONDS);

    byte[] written = out.toByteArray();
    assertThat(written).hasSize(100 * 1000);
    for (int i = 0; i < 100; i++) {
      assertThat(written[i * 1000]).as("first byte of chunk %d", i).isEqualTo((byte) i);
    }
    assertThat(offered).allSatisfy(b -> assertThat(b.refCnt()).isZero());
    assertThat(pump.failure()).isNull();
  }

  @Test
  void stopsReadingWhileTheOutputLagsAndResumesOnceItCaughtUp() throws Exception {
    CountDownLatch stuck = new CountDownLatch(1);
    TcpClientOutputPump pump = new TcpClientOutputPump(data -> awaitQuietly(stuck));
    int chunks = TcpClientOutputPump.HIGH_WATER / CHUNK + 1;
    for (int i = 0; i < chunks; i++) {
      assertThat(ch.config().isAutoRead()).as("still reading before chunk %d", i).isTrue();
      pump.offer(ch, chunk((byte) i, CHUNK));
    }
    assertThat(ch.config().isAutoRead()).as("reading paused past the high-water mark").isFalse();

    stuck.countDown();
    pump.end().get(5, TimeUnit.SECONDS);
    ch.runPendingTasks();

    assertThat(ch.config().isAutoRead()).as("reading resumed once the output caught up").isTrue();
    assertThat(offered).allSatisfy(b -> assertThat(b.refCnt()).isZero());
  }

  @Test
  void closesTheConnectionWhenTheOutputFails() throws Exception {
    TcpClientOutputPump pump = new TcpClientOutputPump(data -> {
      throw new IOException("output closed");
    });
    pump.offer(ch, chunk((byte) 1, 10));
    pump.offer(ch, chunk((byte) 2, 10));
    pump.end().get(5, TimeUnit.SECONDS);

    assertThat(pump.failure()).isEqualTo("cannot write received data: output closed");
    assertThat(ch.isOpen()).isFalse();
    assertThat(offered).allSatisfy(b -> assertThat(b.refCnt()).isZero());
  }

  @Test
  void dropsWhatIsOfferedAfterTheEnd() throws Exception {
    TcpClientOutputPump pump = new TcpClientOutputPump(TcpClientOutput.raw(new ByteArrayOutputStream()));
    pump.end().get(5, TimeUnit.SECONDS);
    pump.offer(ch, chunk((byte) 1, 10));

    assertThat(offered).allSatisfy(b -> assertThat(b.refCnt()).isZero());
  }

  private ByteBuf chunk(byte first, int size) {
    byte[] bytes = new byte[size];
    bytes[0] = first;
    ByteBuf buf = Unpooled.wrappedBuffer(bytes);
    offered.add(buf);
    return buf;
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
