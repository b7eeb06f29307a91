package dev.nettool.servers.udp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nettool.protocols.event.Event;
import dev.nettool.protocols.event.Verbosity;
import dev.nettool.protocols.testing.RecordingEventSink;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class UdpLogHandlerTest {
  private static final Duration WAIT = Duration.ofSeconds(2);

  private static DatagramPacket hello() {
    return new DatagramPacket(Unpooled.copiedBuffer("hello\n", StandardCharsets.UTF_8),
        new InetSocketAddress("127.0.0.1", 7), new InetSocketAddress("127.0.0.1", 5353));
  }

  @Test
  void publishesAMessageEventWithTheSender() throws Exception {
    RecordingEventSink sink = new RecordingEventSink(Verbosity.NORMAL, false);
    EmbeddedChannel ch = new EmbeddedChannel(new UdpLogHandler(sink));

    ch.writeInbound(hello());

    Event e = sink.take("message", WAIT);
    assertThat(e.text()).isEqualTo("message from 127.0.0.1:5353 6 bytes");
    assertThat(e.fields()).containsEntry("remoteHost", "127.0.0.1").containsEntry("remotePort", 5353)
        .containsEntry("bytes", 6).doesNotContainKey("payload");
    DatagramPacket passed = ch.readInbound();
    assertThat(passed.content().readableBytes()).as("passed on unread").isEqualTo(6);
    passed.release();
    assertThat(ch.finish()).isFalse();
  }

  @Test
  void showsThePayloadAsTextWhenVerbose() throws Exception {
    RecordingEventSink sink = new RecordingEventSink(Verbosity.VERBOSE, false);
    EmbeddedChannel ch = new EmbeddedChannel(new UdpLogHandler(sink));

    ch.writeInbound(hello());

    Event e = sink.take("message", WAIT);
    assertThat(e.text()).isEqualTo("message from 127.0.0.1:5353 6 bytes: \"hello\\n\"");
    assertThat(e.fields()).containsEntry("payload", "hello\n");
    ch.releaseInbound();
    assertThat(ch.finish()).isFalse();
  }

  @Test
  void showsAHexDumpWithHex() throws Exception {
    RecordingEventSink sink = new RecordingEventSink(Verbosity.VERBOSE, true);
    EmbeddedChannel ch = new EmbeddedChannel(new UdpLogHandler(sink));

    ch.writeInbound(hello());

    Event e = sink.take("message", WAIT);
    assertThat(e.text()).startsWith("message from 127.0.0.1:5353 6 bytes" + System.lineSeparator())
        .contains("68 65 6c 6c 6f 0a");
    assertThat(e.fields()).containsEntry("hex", "68656c6c6f0a");
    ch.releaseInbound();
    assertThat(ch.finish()).isFalse();
  }

  @Test
  void buildsNothingWhenQuietAndPassesTheSamePacketOn() {
    RecordingEventSink sink = new RecordingEventSink(Verbosity.QUIET, false);
    EmbeddedChannel ch = new EmbeddedChannel(new UdpLogHandler(sink));
    DatagramPacket in = hello();

    ch.writeInbound(in);

    assertThat(sink.drain()).isEmpty();
    DatagramPacket passed = ch.readInbound();
    assertThat(passed).isSameAs(in);
    ByteBuf content = passed.content();
    passed.release();
    assertThat(content.refCnt()).isZero();
    assertThat(ch.finish()).isFalse();
  }
}
