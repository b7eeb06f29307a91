package dev.nettool.servers.tcp;

import dev.nettool.protocols.server.ConnectionErrorReporter;
import dev.nettool.protocols.server.Connections;
import static org.assertj.core.api.Assertions.assertThat;

import dev.nettool.protocols.testing.RecordingEventSink;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.handler.timeout.IdleStateEvent;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class TcpSupportHandlersTest {
  private static final Duration WAIT = Duration.ofSeconds(1);

  @Test
  void backPressureStopsReadingWhileUnwritableAndResumesAfter() {
    EmbeddedChannel ch = new EmbeddedChannel(TcpBackPressureHandler.INSTANCE);
    ch.config().setWriteBufferWaterMark(new io.netty.channel.WriteBufferWaterMark(8, 16));
    ch.write(Unpooled.wrappedBuffer(new byte[32]));
    assertThat(ch.isWritable()).isFalse();
    assertThat(ch.config().isAutoRead()).as("reading paused").isFalse();
    ch.flush();
    assertThat(ch.isWritable()).isTrue();
    assertThat(ch.config().isAutoRead()).as("reading resumed").isTrue();
    ((ByteBuf) ch.readOutbound()).release();
    assertThat(ch.finish()).isFalse();
  }

  @Test
  void idleCloserClosesWithATimeoutEvent() throws Exception {
    RecordingEventSink sink = new RecordingEventSink();
    EmbeddedChannel ch = new EmbeddedChannel(new TcpIdleCloser(sink, Duration.ofSeconds(30)));
    ch.attr(Connections.ID).set(4L);
    ch.pipeline().fireUserEventTriggered(IdleStateEvent.ALL_IDLE_STATE_EVENT);
    assertThat(ch.isOpen()).isFalse();
    assertThat(sink.take("timeout", WAIT).text()).isEqualTo("timeout #4 idle 30.00s");
  }

  @Test
  void errorReporterPublishesTheReasonAndClosesOnlyThatConnection() throws Exception {
    RecordingEventSink sink = new RecordingEventSink();
    EmbeddedChannel ch = new EmbeddedChannel(new ConnectionErrorReporter(sink));
    ch.attr(Connections.ID).set(2L);
    ch.pipeline().fireExceptionCaught(
        new IOException("readAddress(..) failed with error(-104): Connection reset by peer"));
    assertThat(sink.take("error", WAIT).text()).isEqualTo("error #2 connection: Connection reset by peer");
    assertThat(ch.isOpen()).isFalse();
    // The write still pending fails the same way: the same failure, not reported again.
    ch.pipeline().fireExceptionCaught(new IOException("writevAddresses(..) failed: Connection reset by peer"));
    assertThat(sink.drain()).isEmpty();
  }

  @Test
  void relayWritesWhatItReadsToTheOtherSideAndPassesTheEndOn() {
    EmbeddedChannel target = new EmbeddedChannel(new ChannelOutboundHandlerAdapter());
    EmbeddedChannel source = new EmbeddedChannel(new RelayHandler(target));
    source.writeInbound(Unpooled.copiedBuffer("relayed", StandardCharsets.US_ASCII));
    ByteBuf got = target.readOutbound();
    assertThat(got.toString(StandardCharsets.US_ASCII)).isEqualTo("relayed");
    got.release();
    source.pipeline().fireUserEventTriggered(ChannelInputShutdownEvent.INSTANCE);
    target.runPendingTasks();
    ((ByteBuf) target.readOutbound()).release();
    assertThat(target.isOpen()).as("the end reaches the other side").isFalse();
    source.finish();
    target.finish();
  }

  @Test
  void relayClosesTheOtherSideWhenItsOwnCloses() {
    EmbeddedChannel target = new EmbeddedChannel(new ChannelOutboundHandlerAdapter());
    EmbeddedChannel source = new EmbeddedChannel(new RelayHandler(target));
    source.close();
    target.runPendingTasks();
    assertThat(target.isOpen()).isFalse();
    Object leftover = target.readOutbound();
    if (leftover != null) {
      ((ByteBuf) leftover).release();
    }
  }
}
