package dev.nettool.clients.tcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nettool.protocols.address.Endpoint;
import dev.nettool.protocols.event.Event;
import dev.nettool.protocols.testing.RecordingEventSink;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class TcpClientReporterTest {
  private static final Duration WAIT = Duration.ofSeconds(5);
  private final RecordingEventSink events = new RecordingEventSink();
  private final TcpClientState state = new TcpClientState();
  private final Endpoint target = new Endpoint.Inet("127.0.0.1", 8124);

  @Test
  void reportsConnectDataEndAndCloseWithByteCounts() throws Exception {
    EmbeddedChannel ch = new EmbeddedChannel(new TcpClientReporter(events, state, target));
    ch.writeInbound(text("hello"));
    ch.writeOutbound(text("abc"));
    ch.pipeline().fireUserEventTriggered(ChannelInputShutdownEvent.INSTANCE);
    ch.close();

    assertThat(events.take(WAIT).text()).startsWith("connect 127.0.0.1:8124 in ");
    assertThat(events.take(WAIT).text()).isEqualTo("data #1 5 bytes");
    assertThat(events.take(WAIT).text()).isEqualTo("end #1");
    Event close = events.take(WAIT);
    assertThat(close.name()).isEqualTo("close");
    assertThat(close.fields()).containsEntry("bytesIn", 5L).containsEntry("bytesOut", 3L);
    assertThat(state.whenClosed()).isCompletedWithValue(new TcpClientResult(5, 3, true, false, null));
    releaseAll(ch);
  }

  @Test
  void passesAFailedWriteOnAsTheConnectionsError() {
    EmbeddedChannel ch = new EmbeddedChannel(new FailingWrites(), new TcpClientReporter(events, state, target),
        new TcpClientErrorReporter(events, state));
    ch.writeOneOutbound(text("lost"));

    assertThat(state.error).isEqualTo("Broken pipe");
    assertThat(state.bytesOut).as("a failed write is not counted").isZero();
    assertThat(ch.isOpen()).isFalse();
  }

  private static ByteBuf text(String s) {
    return Unpooled.copiedBuffer(s, StandardCharsets.UTF_8);
  }

  private static void releaseAll(EmbeddedChannel ch) {
    List.of(ch.inboundMessages(), ch.outboundMessages()).forEach(q -> q.forEach(m -> ((ByteBuf) m).release()));
  }

  /** Fails every write the way a reset connection does. */
  private static final class FailingWrites extends ChannelOutboundHandlerAdapter {
    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
      ((ByteBuf) msg).release();
      promise.setFailure(new IOException("writev(..) failed with error(-32): Broken pipe"));
    }
  }
}
