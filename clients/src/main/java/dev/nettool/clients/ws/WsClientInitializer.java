package dev.nettool.clients.ws;

import dev.nettool.clients.tcp.TcpClientOutputPump;
import dev.nettool.protocols.event.EventSink;
import dev.nettool.protocols.expect.Expectation;
import dev.nettool.protocols.transport.Transport;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.ssl.SslContext;
import java.util.function.Supplier;

/**
 * Assembles the pipeline, top to bottom: TLS (wss), the HTTP codec and aggregator the upgrade needs (the
 * handshaker swaps them for the WebSocket frame codec), the handshake, message reassembly, reporting, the guard against
 * sending after our close frame, pings,
 * closes, the optional expectation and count, output, errors.
 */
final class WsClientInitializer extends ChannelInitializer<Channel> {
  /** The largest upgrade response (status, headers, a refusal's body) read before giving up on it. */
  private static final int MAX_UPGRADE_RESPONSE = 64 << 10;

  private final Transport transport;
  private final WsClientConfig config;
  private final Supplier<WebSocketClientHandshaker> handshaker;
  private final SslContext tls;
  private final String peerHost;
  private final EventSink sink;
  private final WsClientState state;
  private final WsClientRun run;
  private final TcpClientOutputPump pump;

  WsClientInitializer(Transport transport, WsClientConfig config, Supplier<WebSocketClientHandshaker> handshaker,
      SslContext tls, String peerHost, EventSink sink, WsClientState state, WsClientRun run,
      TcpClientOutputPump pump) {
    this.transport = transport;
    this.config = config;
    this.handshaker = handshaker;
    this.tls = tls;
    this.peerHost = peerHost;
    this.sink = sink;
    this.state = state;
    this.run = run;
    this.pump = pump;
  }

  @Override
  protected void initChannel(Channel ch) {
    transport.prepare(ch);
    ChannelPipeline p = ch.pipeline();
    if (tls != null) {
      p.addLast("tls", tls.newHandler(ch.alloc(), peerHost, config.url().port()));
    }
    p.addLast("http", new HttpClientCodec());
    p.addLast("http-aggregator", new HttpObjectAggregator(MAX_UPGRADE_RESPONSE));
    p.addLast("handshake", new WsClientHandshakeHandler(handshaker.get(), state, sink, config.url(),
        config.connectTimeout()));
    p.addLast("ws-aggregator", new WebSocketFrameAggregator(config.maxMessage()));
    p.addLast("report", new WsClientReporter(sink, state));
    p.addLast("send-guard", new WsClientSendGuard(state));
    p.addLast("ping", new WsClientPingHandler(state));
    p.addLast("close", new WsClientCloseHandler(state));
    WsClientCloser closer = new WsClientCloser(state, config.closeTimeout());
    Expectation expectation = run.expectation();
    if (expectation != null) {
      p.addLast("expect", new WsClientExpectHandler(expectation, state, closer, run.closeCode(), run.closeReason()));
    }
    if (run.count() > 0) {
      p.addLast("count", new WsClientCountHandler(run.count(), closer, run.closeCode(), run.closeReason()));
    }
    p.addLast("output", new WsClientMessageHandler(run.format(), pump));
    p.addLast("errors", new WsClientErrorReporter(sink, state, config.maxMessage()));
  }
}
