package dev.nettool.servers.udp;

import dev.nettool.protocols.event.EventSink;
import dev.nettool.protocols.event.Verbosity;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.DatagramChannel;

/** Assembles the pipeline, top to bottom: count, show, then echo or drop, errors. */
final class UdpServerInitializer extends ChannelInitializer<DatagramChannel> {
  private final UdpMode mode;
  private final EventSink sink;
  private final UdpServerStats stats;

  UdpServerInitializer(UdpMode mode, EventSink sink, UdpServerStats stats) {
    this.mode = mode;
    this.sink = sink;
    this.stats = stats;
  }

  @Override
  protected void initChannel(DatagramChannel ch) {
    ChannelPipeline p = ch.pipeline();
    p.addLast("count", new UdpTrafficCounter(stats));
    // Discard mode shows datagrams only when asked with -v; log and echo show them by default.
    if (mode != UdpMode.DISCARD || sink.shows(Verbosity.VERBOSE)) {
      p.addLast("log", new UdpLogHandler(sink));
    }
    p.addLast("mode", mode == UdpMode.ECHO ? new UdpEchoHandler(stats) : new UdpDiscardHandler(stats));
    p.addLast("errors", new UdpErrorReporter(sink));
  }
}
