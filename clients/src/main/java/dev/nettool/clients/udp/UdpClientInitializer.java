package dev.nettool.clients.udp;

import dev.nettool.protocols.event.EventSink;
import dev.nettool.protocols.expect.Expectation;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.DatagramChannel;

/** Assembles the pipeline: ping, or show replies then expect; errors at the tail. */
final class UdpClientInitializer extends ChannelInitializer<DatagramChannel> {
  private final UdpClientConfig config;
  private final EventSink events;
  private final EventSink report;
  private final UdpClientRun run;
  private final UdpReplyWriter writer;
  private final Expectation expectation;

  UdpClientInitializer(UdpClientConfig config, EventSink events, EventSink report, UdpClientRun run,
      UdpReplyWriter writer, Expectation expectation) {
    this.config = config;
    this.events = events;
    this.report = report;
    this.run = run;
    this.writer = writer;
    this.expectation = expectation;
  }

  @Override
  protected void initChannel(DatagramChannel ch) {
    ChannelPipeline p = ch.pipeline();
    if (config.ping()) {
      p.addLast("ping", new UdpPingHandler(config, report, run));
    } else {
      p.addLast("reply", new UdpReplyHandler(events, writer));
      p.addLast("expect", new UdpExpectHandler(expectation, config.replyWait(), run));
    }
    p.addLast("errors", new UdpClientErrorReporter(run));
  }
}
