package dev.nettool.servers.http;

import dev.nettool.protocols.event.EventSink;
import dev.nettool.protocols.transport.Transport;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.compression.StandardCompressionOptions;
import io.netty.handler.codec.http.HttpContentCompressor;
import io.netty.handler.codec.http.HttpContentDecompressor;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.cors.CorsConfig;
import io.netty.handler.codec.http.cors.CorsConfigBuilder;
import io.netty.handler.codec.http.cors.CorsHandler;

/**
 * Assembles a connection's pipeline, top to bottom: count bytes, HTTP/1.1 codec, observe exchanges,
 * limits, one exchange at a time, 100-continue, inflate request bodies, compress responses, CORS,
 * dispatch to the routes, report errors. TLS and HTTP/2 go in front of the codec.
 */
final class HttpServerInitializer extends ChannelInitializer<Channel> {
  private final HttpServerConfig config;
  private final EventSink sink;
  private final HttpServerStats stats;
  private final Transport transport;
  private final HttpRouter router;
  private final CorsConfig cors;

  HttpServerInitializer(HttpServerConfig config, EventSink sink, HttpServerStats stats, Transport transport,
      HttpRouteTable routes) {
    this.config = config;
    this.sink = sink;
    this.stats = stats;
    this.transport = transport;
    this.router = new HttpRouter(routes, config.auth());
    this.cors = config.cors() ? corsConfig() : null;
  }

  @Override
  protected void initChannel(Channel ch) {
    transport.prepare(ch);
    ChannelPipeline p = ch.pipeline();
    p.addLast("report", new HttpConnectionReporter(stats, sink, config.listen()));
    p.addLast("codec", new HttpServerCodec(new HttpDecoderConfig()
        .setMaxInitialLineLength(HttpServerConfig.MAX_REQUEST_LINE)
        .setMaxHeaderSize(HttpServerConfig.MAX_HEADER_SIZE)
        .setValidateHeaders(true)));
    p.addLast("observe", new HttpExchangeObserver(stats, sink));
    addLimits(p);
    p.addLast("gate", new HttpPipelineGate());
    p.addLast("expect", new HttpExpectContinueHandler());
    p.addLast("inflate", new HttpContentDecompressor(0));
    if (config.compress()) {
      p.addLast("compress", new HttpContentCompressor(StandardCompressionOptions.gzip(),
          StandardCompressionOptions.deflate()));
    }
    if (cors != null) {
      p.addLast("cors", new CorsHandler(cors));
    }
    p.addLast("dispatch", new HttpDispatcher(router, config, sink));
    p.addLast("errors", new HttpErrorReporter(sink));
  }

  /**
   * The request limits: validation (400/414/431/501/505), header and body timeouts (408), the send
   * timeout, the keep-alive idle timeout and the body limit (413). They sit after the observer, so
   * their answers show as request events, and before the gate, so they see every request as it comes.
   */
  private void addLimits(ChannelPipeline p) {
    HttpLimits.install(p, "codec", config, sink);
  }

  /** Any origin, the common methods, any request header; preflights are cached for ten minutes. */
  private static CorsConfig corsConfig() {
    return CorsConfigBuilder.forAnyOrigin()
        .allowNullOrigin()
        .allowedRequestMethods(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH,
            HttpMethod.DELETE, HttpMethod.OPTIONS)
        .allowedRequestHeaders("*")
        .maxAge(600)
        .build();
  }
}
