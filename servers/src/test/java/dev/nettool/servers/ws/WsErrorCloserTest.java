package dev.nettool.servers.ws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nettool.protocols.server.Connections;
import dev.nettool.protocols.testing.RecordingEventSink;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class WsErrorCloserTest {
  @Test
  void aResetSeenByTheReadAndAgainByThePendingWriteIsOneErrorEvent() throws Exception {
    RecordingEventSink sink = new RecordingEventSink();
    EmbeddedChannel ch = new EmbeddedChannel(new WsErrorCloser(sink));
    ch.attr(Connections.ID).set(66L);
    ch.pipeline().fireExceptionCaught(new IOException("recvAddress(..) failed: Connection reset by peer"));
    ch.pipeline().fireExceptionCaught(new IOException("writevAddresses(..) failed: Connection reset by peer"));
    assertThat(sink.take("error", Duration.ofSeconds(5)).text())
        .isEqualTo("error #66 connection: Connection reset by peer");
    assertThat(sink.drain()).isEmpty();
    assertThat(ch.isOpen()).isFalse();
  }
}
