package dev.nettool.servers.http;

import dev.nettool.protocols.event.EventSink;
import dev.nettool.protocols.server.ConnectionErrorReporter;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerUpgradeHandler;
import io.netty.handler.codec.http2.Http2CodecUtil;
import io.netty.handler.codec.http2.Http2FrameCodec;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2ServerUpgradeCodec;
import io.netty.handler.codec.http2.Http2Settings;
import io.netty.handler.ssl.SslContext;
import io.netty.util.AsciiString;
import java.util.List;

/**
 * Assembles a connection's pipeline, top to bottom: TLS (when configured), count bytes, pick the protocol
 * (ALPN over TLS, the HTTP/2 preface on cleartext), then HTTP/1.1: codec, h2c upgrade (cleartext only) and
 * the {@link HttpExchangeHandlers}. A connection that turns out to speak HTTP/2 trades the HTTP/1.1 part for
 * the frame codec and the {@link Http2Lanes} that give every stream those same exchange handlers.
 */
final class HttpServerInitializer extends ChannelInitializer<Channel> {
  /** The largest body an {@code Upgrade: h2c} request may carry: the upgrade reads it whole first. */
  private static final int MAX_UPGRADE_BODY = 64 << 10;
  /** Streams one connection may have open at once, as nginx's default. */
  private static final int MAX_STREAMS = 128;

  private final HttpServerConfig config;
  private final EventSink sink;
  private final HttpServerStats stats;
  private final SslContext tls;
  private final HttpExchangeHandlers exchanges;
  private final Http2StreamInitializer streams;

  HttpServerInitializer(HttpServerConfig config, EventSink sink, HttpServerStats stats, HttpRouteTable routes,
      SslContext tls) {
    this.config = config;
    this.sink = sink;
    this.stats = stats;
    this.tls = tls;
    this.exchanges = new HttpExchangeHandlers(config, sink, stats, routes);
    this.streams = new Http2StreamInitializer(exchanges);
  }

  @Override
  protected void initChannel(Channel ch) {
    ChannelPipeline p = ch.pipeline();
    if (tls != null) {
      p.addLast("tls", tls.newHandler(ch.alloc()));
    }
    p.addLast("report", HttpConnectionReporter.of(stats, sink, config.listen(), tls != null));
    p.addLast("protocol", tls != null ? new HttpAlpnHandler(this::toHttp2) : new Http2PrefaceDetector(this::toHttp2));
    p.addLast("codec", new HttpServerCodec(new HttpDecoderConfig()
        .setMaxInitialLineLength(HttpServerConfig.MAX_REQUEST_LINE)
        .setMaxHeaderSize(HttpServerConfig.MAX_HEADER_SIZE)
        .setValidateHeaders(true)));
    if (tls == null) {
      p.addLast("h2c-window", new Http2cUpgradeWindow("h2c-upgrade"));
      p.addLast("h2c-upgrade", new HttpServerUpgradeHandler(this::fromHttp1, this::upgradeCodec, MAX_UPGRADE_BODY));
    }
    exchanges.http1(p);
  }

  /** Prior knowledge or ALPN h2: the HTTP/1.1 handlers go, HTTP/2's come. */
  private void toHttp2(ChannelPipeline p) {
    dropHttp1(p, "protocol");
    p.addLast("h2", frameCodec());
    p.addLast("h2-streams", new Http2Lanes(streams.handler()));
    http2Tail(p);
  }

  /** {@code Upgrade: h2c}, first half: the HTTP/1.1 handlers go; the upgrade codec then adds HTTP/2's. */
  private void fromHttp1(ChannelHandlerContext upgrade) {
    dropHttp1(upgrade.pipeline(), upgrade.name());
    http2Tail(upgrade.pipeline());
  }

  private HttpServerUpgradeHandler.UpgradeCodec upgradeCodec(CharSequence protocol) {
    return AsciiString.contentEquals(Http2CodecUtil.HTTP_UPGRADE_PROTOCOL_NAME, protocol)
        ? new Http2ServerUpgradeCodec(frameCodec(), new Http2Lanes(streams.handler()))
        : null;
  }

  private void http2Tail(ChannelPipeline p) {
    p.addLast("h2-drain", new Http2Drain());
    p.addLast("h2-idle", new Http2IdleTimeout(config.keepAliveTimeout(), sink));
    p.addLast("errors", new ConnectionErrorReporter(sink));
  }

  /** Removes every handler after {@code report} except {@code keep} (the one making the switch). */
  private static void dropHttp1(ChannelPipeline p, String keep) {
    boolean past = false;
    for (String name : List.copyOf(p.toMap().keySet())) {
      if (past && !name.equals(keep)) {
        p.remove(name);
      }
      past |= name.equals("report");
    }
  }

  /** The server's HTTP/2 settings: a header list of {@code MAX_HEADER_SIZE} at most (larger: 431). */
  private static Http2FrameCodec frameCodec() {
    return Http2FrameCodecBuilder.forServer()
        .initialSettings(Http2Settings.defaultSettings()
            .maxHeaderListSize(HttpServerConfig.MAX_HEADER_SIZE)
            .maxConcurrentStreams(MAX_STREAMS))
        .build();
  }
}
