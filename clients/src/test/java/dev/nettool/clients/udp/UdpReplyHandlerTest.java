package dev.nettool.clients.udp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nettool.protocols.event.Event;
import dev.nettool.protocols.testing.RecordingEventSink;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.DatagramPacket;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class UdpReplyHandlerTest {
  private static DatagramPacket reply(String text) {
    return new DatagramPacket(Unpooled.copiedBuffer(text, StandardCharsets.UTF_8),
        new InetSocketAddress("127.0.0.1", 40000), new InetSocketAddress("127.0.0.1", 7));
  }

  @Test
  void printsEachReplyOnItsOwnLineAndPublishesAMessage() throws Exception {
    RecordingEventSink events = new RecordingEventSink();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    UdpReplyWriter writer = new UdpReplyWriter(out);
    EmbeddedChannel ch = new EmbeddedChannel(new UdpReplyHandler(events, writer));

    ch.writeInbound(reply("one"));
    ch.writeInbound(reply("two\n"));
    writer.close();

    assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("one\ntwo\n");
    Event e = events.take("message", Duration.ofSeconds(2));
    assertThat(e.text()).isEqualTo("message from 127.0.0.1:7 3 bytes");
    assertThat(ch.inboundMessages()).as("replies are passed on to the expectation").hasSize(2);
    ch.releaseInbound();
    assertThat(ch.finish()).isFalse();
  }
}
