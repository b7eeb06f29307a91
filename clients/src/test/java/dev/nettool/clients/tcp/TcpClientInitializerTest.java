package dev.nettool.clients.tcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nettool.protocols.address.Endpoint;
import dev.nettool.protocols.expect.Expectation;
import dev.nettool.protocols.testing.RecordingEventSink;
import dev.nettool.protocols.transport.Transport;
import dev.nettool.protocols.transport.TransportKind;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class TcpClientInitializerTest {
  private static final Transport NIO = Transport.select(TransportKind.NIO);
  private final RecordingEventSink events = new RecordingEventSink();
  private final TcpClientState state = new TcpClientState();
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final TcpClientOutputPump pump = new TcpClientOutputPump(TcpClientOutput.raw(out));
  private final Endpoint target = new Endpoint.Inet("127.0.0.1", 7);

  @Test
  void stacksReportExpectPeerEndOutputAndErrors() {
    EmbeddedChannel ch = new EmbeddedChannel(
        new TcpClientInitializer(NIO, events, state, pump, Expectation.literal("x"), target, null, null));

    assertThat(ch.pipeline().names()).startsWith("report", "expect", "peer-end", "output", "errors");
    ch.close();
  }

  @Test
  void leavesExpectOutWhenNothingIsExpected() {
    EmbeddedChannel ch = new EmbeddedChannel(new TcpClientInitializer(NIO, events, state, pump, null, target, null, null));

    assertThat(ch.pipeline().names()).startsWith("report", "peer-end", "output", "errors");
    ch.close();
  }

  @Test
  void writesWhatArrivesToTheOutputAndEndsWithThePeer() throws Exception {
    EmbeddedChannel ch = new EmbeddedChannel(new TcpClientInitializer(NIO, events, state, pump, null, target, null, null));
    ch.writeInbound(Unpooled.copiedBuffer("reply\n", StandardCharsets.UTF_8));
    ch.pipeline().fireUserEventTriggered(ChannelInputShutdownEvent.INSTANCE);
    TcpClientResult result = state.whenClosed().get(5, TimeUnit.SECONDS);
    pump.end().get(5, TimeUnit.SECONDS);

    assertThat(ch.isOpen()).isFalse();
    assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("reply\n");
    assertThat(result).isEqualTo(new TcpClientResult(6, 0, true, false, null));
    assertThat(ch.inboundMessages()).isEmpty();
  }
}
