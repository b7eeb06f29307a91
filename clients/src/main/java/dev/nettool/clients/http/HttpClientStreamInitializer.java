package dev.nettool.clients.http;

import dev.nettool.clients.tcp.TcpClientOutputPump;
import dev.nettool.protocols.event.EventSink;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.handler.codec.http2.Http2StreamFrameToHttpObjectCodec;

/**
 * Assembles the HTTP/2 stream that carries one exchange, top to bottom: frames to HTTP objects, the version
 * marked, then the same handlers as an HTTP/1.1 connection (inflater, chunked writes, report, body
 * expectations, response, errors), so both protocols share one response path.
 */
final class HttpClientStreamInitializer extends ChannelInitializer<Http2StreamChannel> {
  private final EventSink sink;
  private final HttpClientConfig config;
  private final HttpClientExchange exchange;
  private final TcpClientOutputPump pump;

  HttpClientStreamInitializer(EventSink sink, HttpClientConfig config, HttpClientExchange exchange,
      TcpClientOutputPump pump) {
    this.sink = sink;
    this.config = config;
    this.exchange = exchange;
    this.pump = pump;
  }

  @Override
  protected void initChannel(Http2StreamChannel ch) {
    ChannelPipeline p = ch.pipeline();
    p.addLast("codec", new Http2StreamFrameToHttpObjectCodec(false));
    p.addLast("h2-version", new HttpClientHttp2Version());
    p.addLast("report", new HttpClientReporter(sink, exchange));
    p.addLast("errors", new HttpClientErrorReporter(sink, exchange));
    HttpClientInitializer.exchangeHandlers(p, config, exchange, pump);
  }
}
