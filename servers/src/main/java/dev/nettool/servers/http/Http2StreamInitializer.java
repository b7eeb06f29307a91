package dev.nettool.servers.http;

import dev.nettool.protocols.server.Connections;
import io.netty.channel.ChannelInitializer;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.handler.codec.http2.Http2StreamFrameToHttpObjectCodec;

/**
 * Gives each HTTP/2 stream its connection's number (for the events) and a converter between stream frames and
 * HTTP/1.1 messages, followed by the very {@link HttpExchangeHandlers} an HTTP/1.1 connection has.
 */
final class Http2StreamInitializer extends ChannelInitializer<Http2StreamChannel> {
  private final HttpExchangeHandlers exchanges;

  Http2StreamInitializer(HttpExchangeHandlers exchanges) {
    this.exchanges = exchanges;
  }

  @Override
  protected void initChannel(Http2StreamChannel ch) {
    ch.attr(Connections.ID).set(Connections.id(ch.parent()));
    ch.pipeline().addLast("h2-http", new Http2StreamFrameToHttpObjectCodec(true));
    ch.pipeline().addLast("h2-headers", Http2ExtensionHeaderRemover.INSTANCE);
    exchanges.http2Stream(ch.pipeline());
  }
}
