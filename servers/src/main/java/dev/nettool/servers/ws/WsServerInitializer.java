package dev.nettool.servers.ws;

import dev.nettool.protocols.event.EventSink;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.extensions.compression.WebSocketServerCompressionHandler;
import io.netty.handler.ssl.SslContext;

/**
 * Assembles a connection's pipeline until its upgrade, top to bottom: TLS (when asked), tracking, the HTTP codec
 * and aggregator for the handshake request, permessage-deflate negotiation (with {@code --compress}), the upgrade.
 * The upgrade swaps HTTP for the frame codec and installs {@link WsSession}'s handlers.
 */
final class WsServerInitializer extends ChannelInitializer<Channel> {
  /** A handshake request is headers only; 16 KB of them is generous. */
  private static final int MAX_HANDSHAKE = 16 << 10;

  private final WsServerConfig config;
  private final EventSink sink;
  private final WsServerStats stats;
  private final SslContext tls;
  private final WsSession session;
  private final WebSocketDecoderConfig decoder;

  WsServerInitializer(WsServerConfig config, EventSink sink, WsServerStats stats, SslContext tls,
      WsSession session) {
    this.config = config;
    this.sink = sink;
    this.stats = stats;
    this.tls = tls;
    this.session = session;
    this.decoder = decoderConfig(config);
  }

  static WebSocketDecoderConfig decoderConfig(WsServerConfig config) {
    return WsHandshaker.decoderConfig(config.maxFrame(), config.maxMessage(), config.compress());
  }

  @Override
  protected void initChannel(Channel ch) {
    ChannelPipeline p = ch.pipeline();
    if (tls != null) {
      p.addLast("tls", tls.newHandler(ch.alloc()));
    }
    p.addLast("track", new WsConnectionTracker(stats, sink));
    p.addLast("http", new HttpServerCodec());
    p.addLast("http-aggregate", new HttpObjectAggregator(MAX_HANDSHAKE));
    if (config.compress()) {
      p.addLast("ws-compress", new WebSocketServerCompressionHandler(config.maxMessage()));
    }
    p.addLast("ws-upgrade", new WsUpgradeHandler(config.path(), config.subprotocols(), decoder, session, sink));
  }
}
