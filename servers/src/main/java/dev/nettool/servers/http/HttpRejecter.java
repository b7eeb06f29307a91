package dev.nettool.servers.http;

import dev.nettool.protocols.server.Connections;
import dev.nettool.protocols.event.EventSink;
import dev.nettool.protocols.event.NetEvents;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpStatusClass;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.AttributeKey;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;

/**
 * Answers an {@link HttpRejection} raised by a limit before it: its status, a one-line
 * {@code text/plain} reason, {@code Connection: close}, then the close. From the rejection on nothing
 * read is passed on (no request hidden behind a bad one is ever served) and reading stops. A response
 * still being written for an earlier request goes out first, so responses never interleave.
 */
final class HttpRejecter extends ChannelDuplexHandler {
  private static final AttributeKey<Boolean> REJECTED = AttributeKey.valueOf("nettool.http.rejected");

  private final EventSink sink;
  private int open;
  private boolean reading;
  private boolean responding;
  private boolean interim;
  private HttpRejection pending;

  HttpRejecter(EventSink sink) {
    this.sink = sink;
  }

  /** Whether a request on {@code ch} was rejected: everything it sends from then on is dropped. */
  static boolean rejected(Channel ch) {
    return Boolean.TRUE.equals(ch.attr(REJECTED).get());
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (rejected(ctx.channel())) {
      ReferenceCountUtil.release(msg);
      return;
    }
    if (msg instanceof HttpRequest) {
      open++;
      reading = true;
    }
    if (msg instanceof LastHttpContent) {
      reading = false;
    }
    ctx.fireChannelRead(msg);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    if (!(cause instanceof HttpRejection rejection)) {
      ctx.fireExceptionCaught(cause);
      return;
    }
    if (rejected(ctx.channel())) {
      return;
    }
    ctx.channel().attr(REJECTED).set(true);
    ctx.channel().config().setAutoRead(false);
    sink.publish(NetEvents.error(Connections.id(ctx.channel()), "reject", rejection.line()));
    if (reading) {
      // The refused request is the one being read: its end never comes, so its route never answers.
      reading = false;
      open--;
    }
    if (open == 0 && responding) {
      ctx.close(); // its route had started answering already: no second status line can follow
    } else if (open == 0) {
      answer(ctx, rejection);
    } else {
      pending = rejection;
    }
  }

  @Override
  public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
    if (msg instanceof HttpResponse response) {
      interim = response.status().codeClass() == HttpStatusClass.INFORMATIONAL;
      responding = !interim;
    }
    ctx.write(msg, promise);
    if (msg instanceof LastHttpContent && !interim) {
      responding = false;
    }
    if (msg instanceof LastHttpContent && !interim && open > 0 && --open == 0 && pending != null) {
      HttpRejection r = pending;
      pending = null;
      answer(ctx, r);
    }
  }

  private static void answer(ChannelHandlerContext ctx, HttpRejection rejection) {
    FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, rejection.status(),
        Unpooled.copiedBuffer(rejection.line() + "\n", StandardCharsets.UTF_8));
    response.headers()
        .set(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8")
        .set(HttpHeaderNames.CONTENT_LENGTH, response.content().readableBytes())
        .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
    ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
  }
}
