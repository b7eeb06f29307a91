package dev.nettool.servers.http;

import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http2.HttpConversionUtil;

/**
 * Removes the {@code x-http2-*} headers Netty's frame-to-HTTP/1.1 converter adds to a request (stream id,
 * scheme...): the client never sent them, and an echo over h2 must show what an echo over HTTP/1.1 shows.
 */
@Sharable
final class Http2ExtensionHeaderRemover extends ChannelInboundHandlerAdapter {
  static final Http2ExtensionHeaderRemover INSTANCE = new Http2ExtensionHeaderRemover();

  private Http2ExtensionHeaderRemover() {}

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (msg instanceof HttpRequest request) {
      for (HttpConversionUtil.ExtensionHeaderNames name : HttpConversionUtil.ExtensionHeaderNames.values()) {
        request.headers().remove(name.text());
      }
    }
    ctx.fireChannelRead(msg);
  }
}
