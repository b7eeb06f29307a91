package dev.nettool.clients.http;

import dev.nettool.clients.tcp.TcpClientOutputPump;
import dev.nettool.protocols.event.EventSink;
import dev.nettool.protocols.transport.Transport;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpContentDecompressor;
import io.netty.handler.stream.ChunkedWriteHandler;

/**
 * Assembles one exchange's pipeline, top to bottom: codec, inflater ({@code --compressed}), chunked writes
 * (streamed request bodies), report, body expectations, response, errors.
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

  HttpClientInitializer(Transport transport, EventSink sink, HttpClientConfig config, HttpClientExchange exchange,
      TcpClientOutputPump pump) {
    this.transport = transport;
    this.sink = sink;
    this.config = config;
    this.exchange = exchange;
    this.pump = pump;
  }

  @Override
  protected void initChannel(Channel ch) {
    transport.prepare(ch);
    ChannelPipeline p = ch.pipeline();
    p.addLast("codec", new HttpClientCodec(MAX_INITIAL_LINE, MAX_HEADER_SIZE, MAX_CHUNK));
    if (config.compressed()) {
      p.addLast("inflate", new HttpContentDecompressor(0));
    }
    if (HttpClientRequests.streams(exchange.request.body())) {
      p.addLast("chunked", new ChunkedWriteHandler());
    }
    p.addLast("report", new HttpClientReporter(sink, exchange));
    if (!exchange.watchers.isEmpty()) {
      p.addLast("expect", new HttpClientBodyExpectHandler(exchange));
    }
    p.addLast("response", new HttpClientResponseHandler(config, exchange, pump));
    p.addLast("errors", new HttpClientErrorReporter(sink, exchange));
  }
}
