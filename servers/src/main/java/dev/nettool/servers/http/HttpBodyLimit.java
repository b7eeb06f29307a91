package dev.nettool.servers.http;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.util.ReferenceCountUtil;

/**
 * Refuses a request body over the limit with 413 as early as it can be known: from the
 * {@code Content-Length} before any body byte is read (so also instead of {@code 100 Continue}), and
 * for a chunked body as soon as the count passes the limit. The only place that answers 413.
 */
final class HttpBodyLimit extends ChannelInboundHandlerAdapter {
  private final long max;
  private long seen;
  private boolean over;

  HttpBodyLimit(long max) {
    this.max = max;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (msg instanceof HttpRequest request) {
      seen = 0;
      over = false;
      long declared = HttpUtil.getContentLength(request, -1L);
      if (declared > max) {
        refuse(ctx, msg, "body of " + declared + " bytes is over the limit of " + max);
        return;
      }
    }
    if (over) {
      ReferenceCountUtil.release(msg);
      return;
    }
    if (msg instanceof HttpContent content) {
      seen += content.content().readableBytes();
      if (seen > max) {
        refuse(ctx, msg, "body passed the limit of " + max + " bytes");
        return;
      }
    }
    ctx.fireChannelRead(msg);
  }

  private void refuse(ChannelHandlerContext ctx, Object msg, String reason) {
    over = true;
    ReferenceCountUtil.release(msg);
    ctx.fireExceptionCaught(new HttpRejection(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, reason));
  }
}
