package dev.nettool.servers.http;

import dev.nettool.protocols.server.Connections;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelPipeline;

/**
 * What each HTTP/2 stream lane's pipeline gets: its connection's number (for the events), the converter between
 * stream frames and HTTP/1.1 messages, and behind it the very {@link HttpExchangeHandlers} an HTTP/1.1
 * connection has (the body handlers among them only once the request turns out to have a body).
 */
final class Http2StreamInitializer {
  private final HttpExchangeHandlers exchanges;
  private final Http2StreamConverter converter;

  Http2StreamInitializer(HttpExchangeHandlers exchanges) {
    this.exchanges = exchanges;
    this.converter = new Http2StreamConverter(this::initStream, exchanges::http2StreamBody);
  }

  /** The handler every new stream lane starts with: the shared converter, which adds the rest. */
  ChannelHandler handler() {
    return converter;
  }

  private void initStream(ChannelPipeline p) {
    p.channel().attr(Connections.ID).set(Connections.id(p.channel().parent()));
    exchanges.http2Stream(p);
  }
}
