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
 * Answers {@code Expect: 100-continue}: {@code 100 Continue} when the declared body fits
 * {@code --max-body}; {@code 413} without reading the body, or {@code 417} for an expectation other
 * than 100-continue, and then closes (the body the client may still send is never read).
 */
final class HttpExpectContinueHandler extends ChannelInboundHandlerAdapter {
  private final long maxBody;
  private boolean rejected;

  HttpExpectContinueHandler(long maxBody) {
    this.maxBody = maxBody;
  }

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

  private HttpResponseStatus refusal(HttpRequest request) {
    if (!HttpUtil.is100ContinueExpected(request)) {
      return HttpResponseStatus.EXPECTATION_FAILED;
    }
    return HttpUtil.getContentLength(request, 0L) > maxBody ? HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE : null;
  }

  private static FullHttpResponse closing(HttpResponseStatus status) {
    FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.EMPTY_BUFFER);
    r.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE)
        .setInt(HttpHeaderNames.CONTENT_LENGTH, 0);
    return r;
  }
}
