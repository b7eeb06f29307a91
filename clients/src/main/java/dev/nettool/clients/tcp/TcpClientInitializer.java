package dev.nettool.clients.tcp;

import dev.nettool.protocols.address.Endpoint;
import dev.nettool.protocols.event.EventSink;
import dev.nettool.protocols.expect.Expectation;
import dev.nettool.protocols.transport.Transport;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;

/** Allows half-closure and assembles the pipeline, top to bottom: report, expect, peer end, output, errors. */
final class TcpClientInitializer extends ChannelInitializer<Channel> {
  private final Transport transport;
  private final EventSink sink;
  private final TcpClientState state;
  private final TcpClientOutputPump pump;
  private final Expectation expectation;
  private final Endpoint target;

  TcpClientInitializer(Transport transport, EventSink sink, TcpClientState state, TcpClientOutputPump pump, Expectation expectation,
      Endpoint target) {
    this.transport = transport;
    this.sink = sink;
    this.state = state;
    this.pump = pump;
    this.expectation = expectation;
    this.target = target;
  }

  @Override
  protected void initChannel(Channel ch) {
    // Set here rather than on the bootstrap: NIO's Unix domain channel lacks it, and would only be warned about.
    // Without it, the peer's FIN closes the channel at once and no end event is seen.
    ch.config().setOption(ChannelOption.ALLOW_HALF_CLOSURE, true);
    // Reading pauses while stdout catches up; a FIN that arrives then must not cost the rest of the data.
    transport.prepare(ch);
    ChannelPipeline p = ch.pipeline();
    p.addLast("report", new TcpClientReporter(sink, state, target));
    if (expectation != null) {
      p.addLast("expect", new TcpClientExpectHandler(expectation, state));
    }
    p.addLast("peer-end", new TcpClientPeerEndHandler());
    p.addLast("output", new TcpClientOutputHandler(pump));
    p.addLast("errors", new TcpClientErrorReporter(sink, state));
  }
}
