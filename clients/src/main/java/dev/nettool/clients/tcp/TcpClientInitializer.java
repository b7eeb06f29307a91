package dev.nettool.clients.tcp;

import dev.nettool.protocols.address.Endpoint;
import dev.nettool.protocols.event.EventSink;
import dev.nettool.protocols.expect.Expectation;
import dev.nettool.protocols.transport.Transport;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.ssl.SslContext;
import dev.nettool.protocols.tls.TlsCloseAsEnd;

/** Allows half-closure and assembles the pipeline, top to bottom: TLS (when asked), report, expect, peer end, output, errors. */
final class TcpClientInitializer extends ChannelInitializer<Channel> {
  private final Transport transport;
  private final EventSink sink;
  private final TcpClientState state;
  private final TcpClientOutputPump pump;
  private final Expectation expectation;
  private final Endpoint target;
  private final SslContext tls;
  private final String peerHost;

  TcpClientInitializer(Transport transport, EventSink sink, TcpClientState state, TcpClientOutputPump pump, Expectation expectation,
      Endpoint target, SslContext tls, String peerHost) {
    this.tls = tls;
    this.peerHost = peerHost;
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
    if (tls != null) {
      int port = target instanceof Endpoint.Inet inet ? inet.port() : -1;
      p.addLast("tls", tls.newHandler(ch.alloc(), peerHost, port));
      p.addLast("tls-end", new TlsCloseAsEnd());
    }
    p.addLast("report", new TcpClientReporter(sink, state, target));
    if (expectation != null) {
      p.addLast("expect", new TcpClientExpectHandler(expectation, state));
    }
    p.addLast("peer-end", new TcpClientPeerEndHandler());
    p.addLast("output", new TcpClientOutputHandler(pump));
    p.addLast("errors", new TcpClientErrorReporter(sink, state));
  }
}
