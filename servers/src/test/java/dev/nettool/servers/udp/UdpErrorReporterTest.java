package dev.nettool.servers.udp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nettool.protocols.event.Event;
import dev.nettool.protocols.testing.RecordingEventSink;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class UdpErrorReporterTest {
  @Test
  void anErrorIsReportedAndTheChannelStaysOpen() throws Exception {
    RecordingEventSink sink = new RecordingEventSink();
    EmbeddedChannel ch = new EmbeddedChannel(new UdpErrorReporter(sink));

    ch.pipeline().fireExceptionCaught(new IOException("sendmsg failed"));

    Event e = sink.take("error", Duration.ofSeconds(2));
    assertThat(e.text()).isEqualTo("error datagram: sendmsg failed");
    assertThat(ch.isOpen()).isTrue();
    assertThat(ch.finish()).isFalse();
  }
}
