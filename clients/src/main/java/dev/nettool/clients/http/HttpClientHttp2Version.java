package dev.nettool.clients.http;

import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http2.HttpConversionUtil;

/**
 * Marks a response that came over HTTP/2 as {@code HTTP/2.0} (the stream codec says HTTP/1.1) and drops the
 * headers the codec adds for HTTP/1.1's sake (stream id, chunked transfer coding), so heads, events and
 * results show what was on the wire.
 */
@Sharable
final class HttpClientHttp2Version extends ChannelInboundHandlerAdapter {
  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (msg instanceof HttpResponse r) {
      r.setProtocolVersion(HttpClientHttp2.VERSION);
      r.headers().remove(HttpConversionUtil.ExtensionHeaderNames.STREAM_ID.text());
      r.headers().remove(HttpHeaderNames.TRANSFER_ENCODING);
    }
    ctx.fireChannelRead(msg);
  }
}
