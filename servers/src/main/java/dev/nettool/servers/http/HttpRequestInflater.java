package dev.nettool.servers.http;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpContentDecompressor;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.LastHttpContent;

/**
 * Inflates a request body that comes with a {@code Content-Encoding}: for that one exchange a decompressor
 * goes in right behind this handler and leaves after the request's last piece. Requests without an encoding,
 * nearly all of them, pass straight on, without a decoder's per-message work.
 */
final class HttpRequestInflater extends ChannelInboundHandlerAdapter {
  private static final String DECOMPRESSOR = "inflate-body";

  private boolean inflating;

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (msg instanceof HttpRequest request && request.headers().contains(HttpHeaderNames.CONTENT_ENCODING)
        && !inflating) {
      inflating = true;
      ctx.pipeline().addAfter(ctx.name(), DECOMPRESSOR, new HttpContentDecompressor(0));
    }
    ctx.fireChannelRead(msg);
    if (inflating && msg instanceof LastHttpContent) {
      inflating = false;
      if (ctx.pipeline().get(DECOMPRESSOR) != null) {
        ctx.pipeline().remove(DECOMPRESSOR);
      }
    }
  }
}
