package dev.nettool.servers.udp;

import dev.nettool.protocols.event.EventSink;
import dev.nettool.protocols.event.Verbosity;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.DatagramChannel;

/** Assembles the pipeline, top to bottom: count, show, back-pressure and echo (or drop), errors. */
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
    // Log and echo show datagrams unless -q; discard mode only when asked with -v.
    if (sink.shows(mode == UdpMode.DISCARD ? Verbosity.VERBOSE : Verbosity.NORMAL)) {
      p.addLast("log", new UdpLogHandler(sink));
    }
    if (mode == UdpMode.ECHO) {
      p.addLast("back-pressure", UdpBackPressureHandler.INSTANCE);
      p.addLast("mode", new UdpEchoHandler(stats));
    } else {
      p.addLast("mode", new UdpDiscardHandler(stats));
    }
    p.addLast("errors", new UdpErrorReporter(sink));
  }
}
