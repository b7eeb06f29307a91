package dev.nettool.servers.http;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.ReferenceCountUtil;

/**
 * Answers {@code Expect: 100-continue} with {@code 100 Continue} (a declared body over {@code --max-body}
 * was refused with 413 by {@link HttpBodyLimit} before it gets here), or {@code 417} for an expectation
 * other than 100-continue, and then closes (the body the client may still send is never read).
 */
final class HttpExpectContinueHandler extends ChannelInboundHandlerAdapter {
  private boolean rejected;

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (rejected) {
      ReferenceCountUtil.release(msg);
      return;
    }
    if (msg instanceof HttpRequest request && request.headers().contains(HttpHeaderNames.EXPECT)) {
      HttpResponseStatus refusal = refusal(request);
      if (refusal != null) {
        rejected = true;
        ReferenceCountUtil.release(msg);
        ctx.channel().config().setAutoRead(false);
        ctx.writeAndFlush(closing(refusal)).addListener(ChannelFutureListener.CLOSE);
        return;
      }
      request.headers().remove(HttpHeaderNames.EXPECT);
      ctx.writeAndFlush(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.CONTINUE));
    }
    ctx.fireChannelRead(msg);
  }

  private static HttpResponseStatus refusal(HttpRequest request) {
    return HttpUtil.is100ContinueExpected(request) ? null : HttpResponseStatus.EXPECTATION_FAILED;
  }

  private static FullHttpResponse closing(HttpResponseStatus status) {
    FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.EMPTY_BUFFER);
    r.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE)
        .setInt(HttpHeaderNames.CONTENT_LENGTH, 0);
    return r;
  }
}
