package dev.nettool.clients.http;

import dev.nettool.clients.tcp.TcpClientOutputPump;
import dev.nettool.protocols.event.EventSink;
import dev.nettool.protocols.transport.Transport;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpContentDecompressor;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.stream.ChunkedWriteHandler;

/**
 * Assembles one exchange's connection, top to bottom: TLS ({@code https://}, its handshake reported), then the
 * protocol — HTTP/1.1 (codec, inflater for {@code --compressed}, chunked writes for streamed bodies) or
 * HTTP/2 (frame codec and stream multiplexer, see {@link HttpClientHttp2}) — then report, body expectations,
 * response, errors. Over TLS the protocol is added by {@link #protocol} once ALPN has chosen it.
 */
final class HttpClientInitializer extends ChannelInitializer<Channel> {
  /** Status line and header limits: generous, as a client should be with what it asked for. */
  static final int MAX_INITIAL_LINE = 16 << 10;
  static final int MAX_HEADER_SIZE = 64 << 10;
  static final int MAX_CHUNK = 64 << 10;

  private final Transport transport;
  private final EventSink sink;
  private final HttpClientConfig config;
  private final HttpClientExchange exchange;
  private final TcpClientOutputPump pump;
  private final HttpClientTls tls;
  private final long id;

  HttpClientInitializer(Transport transport, EventSink sink, HttpClientConfig config, HttpClientExchange exchange,
      TcpClientOutputPump pump) {
    this(transport, sink, config, exchange, pump, null, 1);
  }

  /** With {@code tls} for an {@code https://} exchange; {@code id} numbers the connection in events. */
  HttpClientInitializer(Transport transport, EventSink sink, HttpClientConfig config, HttpClientExchange exchange,
      TcpClientOutputPump pump, HttpClientTls tls, long id) {
    this.transport = transport;
    this.sink = sink;
    this.config = config;
    this.exchange = exchange;
    this.pump = pump;
    this.tls = tls;
    this.id = id;
  }

  @Override
  protected void initChannel(Channel ch) {
    transport.prepare(ch);
    ChannelPipeline p = ch.pipeline();
    if (tls != null) {
      SslHandler ssl = tls.newHandler(ch, exchange.request.url());
      p.addLast("tls", ssl);
      ssl.handshakeFuture().addListener(new HttpClientTlsReporter(sink, exchange, ssl, id));
    }
    p.addLast("report", new HttpClientReporter(sink, exchange));
    p.addLast("errors", new HttpClientErrorReporter(sink, exchange));
    if (tls == null) {
      protocol(p, config.http2());
    }
  }

  /** The initializer of the HTTP/2 stream that carries this exchange. */
  HttpClientStreamInitializer stream() {
    return new HttpClientStreamInitializer(sink, config, exchange, pump);
  }

  /** Adds HTTP/2 or HTTP/1.1 between the report and the rest. */
  void protocol(ChannelPipeline p, boolean http2) {
    if (http2) {
      HttpClientHttp2.install(p, "report");
    } else {
      p.addBefore("report", "codec", new HttpClientCodec(MAX_INITIAL_LINE, MAX_HEADER_SIZE, MAX_CHUNK));
      exchangeHandlers(p, config, exchange, pump);
    }
  }

  /**
   * Adds what every exchange needs around the existing {@code report} and before {@code errors}: inflater and
   * chunked writes before the report, body expectations and the response handler after it.
   */
  static void exchangeHandlers(ChannelPipeline p, HttpClientConfig config, HttpClientExchange exchange,
      TcpClientOutputPump pump) {
    if (config.compressed()) {
      p.addBefore("report", "inflate", new HttpContentDecompressor(0));
    }
    if (HttpClientRequests.streams(exchange.request.body())) {
      p.addBefore("report", "chunked", new ChunkedWriteHandler());
    }
    if (!exchange.watchers.isEmpty()) {
      p.addBefore("errors", "expect", new HttpClientBodyExpectHandler(exchange));
    }
    p.addBefore("errors", "response", new HttpClientResponseHandler(config, exchange, pump));
  }
}
