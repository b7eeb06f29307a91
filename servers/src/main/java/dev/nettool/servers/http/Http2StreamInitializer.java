package dev.nettool.servers.http;

import dev.nettool.protocols.server.Connections;
import io.netty.channel.ChannelInitializer;
import io.netty.handler.codec.http2.Http2StreamChannel;

/**
 * Gives each HTTP/2 stream its connection's number (for the events) and the converter between stream frames
 * and HTTP/1.1 messages, followed by the very {@link HttpExchangeHandlers} an HTTP/1.1 connection has (the
 * body handlers among them only once the request turns out to have a body).
 */
final class Http2StreamInitializer extends ChannelInitializer<Http2StreamChannel> {
  private final HttpExchangeHandlers exchanges;
  private final Http2StreamConverter converter;

  Http2StreamInitializer(HttpExchangeHandlers exchanges) {
    this.exchanges = exchanges;
    this.converter = new Http2StreamConverter(exchanges::http2StreamBody);
  }

  @Override
  protected void initChannel(Http2StreamChannel ch) {
    ch.attr(Connections.ID).set(Connections.id(ch.parent()));
    ch.pipeline().addLast("h2-http", converter);
    exchanges.http2Stream(ch.pipeline());
  }
}
