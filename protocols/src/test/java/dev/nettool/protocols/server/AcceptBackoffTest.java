package dev.nettool.protocols.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nettool.protocols.testing.NettyLeakCheck;
import dev.nettool.protocols.testing.RecordingEventSink;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

@Timeout(10)
@ExtendWith(NettyLeakCheck.class)
class AcceptBackoffTest {

  @Test
  void pausesAcceptingForASecondAndKeepsTheListenerOpen() throws Exception {
    RecordingEventSink sink = new RecordingEventSink();
    EmbeddedChannel listener = new EmbeddedChannel(new AcceptBackoff(sink));
    listener.freezeTime();
    listener.pipeline().fireExceptionCaught(new IOException("accept(..) failed: Too many open files"));
    listener.pipeline().fireExceptionCaught(new IOException("accept(..) failed: Too many open files"));

    assertThat(listener.isOpen()).as("the listener stays open").isTrue();
    assertThat(listener.config().isAutoRead()).as("accepting paused").isFalse();
    assertThat(sink.take("error", Duration.ofSeconds(1)).text())
        .isEqualTo("error accept: Too many open files (accepting paused for 1s)");
    assertThat(sink.drain()).as("one event per pause").isEmpty();
    listener.advanceTimeBy(1, TimeUnit.SECONDS);
    listener.runScheduledPendingTasks();
    assertThat(listener.config().isAutoRead()).as("accepting again").isTrue();
    assertThat(listener.finish()).isFalse();
  }
}
