package dev.nettool.servers.tcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nettool.protocols.address.Endpoint;
import dev.nettool.protocols.event.Event;
import dev.nettool.protocols.event.Verbosity;
import dev.nettool.protocols.testing.RecordingEventSink;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class TcpConnectionReporterTest {
  private final Endpoint listen = new Endpoint.Inet("127.0.0.1", 7);

  private TcpServerStats stats(long count, CompletableFuture<Void> done) {
    return new TcpServerStats(count, done, new DefaultChannelGroup(GlobalEventExecutor.INSTANCE));
  }

  @Test
  void reportsConnectionDataEndAndCloseWithByteCounts() throws Exception {
    RecordingEventSink sink = new RecordingEventSink(Verbosity.VERBOSE, false);
    CompletableFuture<Void> done = new CompletableFuture<>();
    TcpServerStats stats = stats(1, done);
    EmbeddedChannel ch = new EmbeddedChannel(
        new TcpConnectionLimiter(stats, sink, 0, listen), new TcpConnectionReporter(stats, sink, listen, false),
        EchoHandler.INSTANCE);
    ch.writeInbound(Unpooled.copiedBuffer("hello", StandardCharsets.US_ASCII));
    ch.pipeline().fireUserEventTriggered(ChannelInputShutdownEvent.INSTANCE);
    ch.runPendingTasks();
    for (Object o; (o = ch.readOutbound()) != null; ) {
      io.netty.util.ReferenceCountUtil.release(o);
    }
    ch.finish();

    List<String> names = sink.drain().stream().map(Event::name).toList();
    assertThat(names).containsExactly("connection", "data", "end", "close");
    assertThat(done).as("--count 1 is reached when the connection closed").isCompleted();
    assertThat(stats.bytesIn()).isEqualTo(5);
    assertThat(stats.bytesOut()).isEqualTo(5);
  }

  @Test
  void dataEventsCarryAHexDumpOnlyWhenAskedFor() throws Exception {
    RecordingEventSink sink = new RecordingEventSink(Verbosity.VERBOSE, true);
    TcpServerStats stats = stats(0, new CompletableFuture<>());
    EmbeddedChannel ch = new EmbeddedChannel(new TcpConnectionReporter(stats, sink, listen, false));
    ch.writeInbound(Unpooled.copiedBuffer("AB", StandardCharsets.US_ASCII));
    sink.take("connection", java.time.Duration.ofSeconds(1));
    Event data = sink.take("data", java.time.Duration.ofSeconds(1));
    assertThat(data.fields()).containsEntry("hex", "4142").containsEntry("bytes", 2);
    assertThat(data.text()).startsWith("data #0 2 bytes").contains("|AB");
    io.netty.util.ReferenceCountUtil.release(ch.readInbound());
    ch.finish();
  }

  @Test
  void dropsConnectionsOverTheLimitWithADropEvent() throws Exception {
    RecordingEventSink sink = new RecordingEventSink();
    TcpServerStats stats = stats(0, new CompletableFuture<>());
    EmbeddedChannel first = new EmbeddedChannel(new TcpConnectionLimiter(stats, sink, 1, listen));
    EmbeddedChannel second = new EmbeddedChannel(new TcpConnectionLimiter(stats, sink, 1, listen));
    assertThat(first.isOpen()).isTrue();
    assertThat(second.isOpen()).isFalse();
    Event drop = sink.take("drop", java.time.Duration.ofSeconds(1));
    assertThat(drop.text()).isEqualTo("drop #2 from 127.0.0.1:7 max-connections=1");
    assertThat(stats.open()).isEqualTo(1);
    first.finish();
    second.finish();
  }
}
