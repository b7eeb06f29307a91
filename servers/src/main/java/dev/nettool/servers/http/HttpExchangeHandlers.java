package dev.nettool.servers.http;

import dev.nettool.protocols.event.EventSink;
import dev.nettool.protocols.event.Verbosity;
import dev.nettool.protocols.server.ConnectionErrorReporter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.compression.StandardCompressionOptions;
import io.netty.handler.codec.http.HttpContentCompressor;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.cors.CorsConfig;
import io.netty.handler.codec.http.cors.CorsConfigBuilder;
import io.netty.handler.codec.http.cors.CorsHandler;
import io.netty.handler.stream.ChunkedWriteHandler;

/**
 * The handlers every exchange passes, the same behind an HTTP/1.1 codec and behind each HTTP/2 stream's
 * converter, so that every route answers alike on both: (observe), limits, (HTTP/1.1: one exchange at a time),
 * 100-continue, (inflate request bodies, added with the first request that has a body), compress responses,
 * CORS, (file bodies in chunks, added with the first one), dispatch to the routes, report errors.
 */
final class HttpExchangeHandlers {
  private static final String DISPATCH = "dispatch";
  private static final String CHUNKED = "chunked";
  private static final String EXPECT = "expect";
  private static final String INFLATE = "inflate";
  private final HttpServerConfig config;
  private final EventSink sink;
  private final HttpServerStats stats;
  private final HttpRouter router;
  private final CorsConfig cors;
  private final boolean observed;

  HttpExchangeHandlers(HttpServerConfig config, EventSink sink, HttpServerStats stats, HttpRouteTable routes) {
    this.config = config;
    this.sink = sink;
    this.stats = stats;
    this.router = new HttpRouter(routes, config.auth());
    this.cors = config.cors() ? corsConfig() : null;
    this.observed = sink.shows(Verbosity.NORMAL) || stats.countsRequests();
  }

  /**
   * Behind the HTTP/1.1 codec named {@code codec}. The limits sit after the observer, so their answers show
   * as request events, and before the gate, so they see every request as it comes. The body handlers come
   * with the connection's first request that has a body.
   */
  void http1(ChannelPipeline p) {
    observe(p);
    HttpLimits.install(p, "codec", config, sink, HttpExchangeHandlers::inflater);
    p.addLast("gate", new HttpPipelineGate());
    p.addLast(EXPECT, new HttpExpectContinueHandler());
    rest(p);
  }

  /**
   * Behind an HTTP/2 stream lane's frame-to-HTTP/1.1 converter: one exchange per stream, one stream at a time.
   * The body handlers come with {@link #http2StreamBody}, when the converter sees that the request has a body.
   */
  void http2Stream(ChannelPipeline p) {
    observe(p);
    HttpLimits.installOnStream(p, sink);
    p.addLast(EXPECT, new HttpExpectContinueHandler());
    rest(p);
  }

  /**
   * The observer, when what it makes can be seen: the {@code request} events and the count of answered
   * requests, which only {@code --count} and the summary event read. With {@code -q} and no {@code --count}
   * nothing shows either, and a request passes one handler fewer each way (nginx's {@code access_log off}).
   */
  private void observe(ChannelPipeline p) {
    if (observed) {
      p.addLast("observe", new HttpExchangeObserver(stats, sink));
    }
  }

  /** Puts a stream's body handlers in the places they have on an HTTP/1.1 connection; once. */
  void http2StreamBody(ChannelPipeline p) {
    if (p.get(INFLATE) == null) {
      HttpLimits.bodyLimitsOnStream(p, config);
      inflater(p);
    }
  }

  /** The request inflater, right behind 100-continue: added with the first request that has a body. */
  private static void inflater(ChannelPipeline p) {
    p.addAfter(EXPECT, INFLATE, new HttpRequestInflater());
  }

  private void rest(ChannelPipeline p) {
    if (config.compress()) {
      p.addLast("compress", new HttpContentCompressor(StandardCompressionOptions.gzip(),
          StandardCompressionOptions.deflate()));
    }
    if (cors != null) {
      p.addLast("cors", new CorsHandler(cors));
    }
    p.addLast(DISPATCH, new HttpDispatcher(router, config, sink));
    p.addLast("errors", new ConnectionErrorReporter(sink));
  }

  /**
   * Puts a {@code ChunkedWriteHandler} right in front of the routes, once, when the connection (or stream)
   * first sends a file in pieces; every handler above then sees the file as ordinary HTTP content pieces.
   * It is not there from the start because it queues every write it sees, and most responses are not files
   * (on HTTP/2 it took about a tenth of a small response's cost).
   */
  static void chunkedWriter(ChannelPipeline p) {
    if (p.get(CHUNKED) == null) {
      if (p.get(DISPATCH) != null) {
        p.addBefore(DISPATCH, CHUNKED, new ChunkedWriteHandler());
      } else {
        p.addLast(CHUNKED, new ChunkedWriteHandler());
      }
    }
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
