package dev.nettool.servers.http;

import dev.nettool.protocols.unit.Durations;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.LastHttpContent;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Answers 408 when a request body stops arriving for longer than {@code --header-timeout} between two
 * pieces. Time while the server itself paused reading (a slow sink, a held pipelined request) does not
 * count against the client.
 */
final class HttpBodyStallTimeout extends ChannelInboundHandlerAdapter {
  private final Duration timeout;
  private ScheduledFuture<?> timer;

  HttpBodyStallTimeout(Duration timeout) {
    this.timeout = timeout;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (msg instanceof LastHttpContent) {
      cancel();
    } else if (msg instanceof HttpRequest || msg instanceof HttpContent) {
      cancel();
      arm(ctx);
    }
    ctx.fireChannelRead(msg);
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    cancel();
    ctx.fireChannelInactive();
  }

  private void arm(ChannelHandlerContext ctx) {
    timer = ctx.executor().schedule(() -> expired(ctx), timeout.toNanos(), TimeUnit.NANOSECONDS);
  }

  private void expired(ChannelHandlerContext ctx) {
    timer = null;
    if (!ctx.channel().isActive()) {
      return;
    }
    if (!ctx.channel().config().isAutoRead()) {
      arm(ctx);
      return;
    }
    ctx.fireExceptionCaught(new HttpRejection(HttpResponseStatus.REQUEST_TIMEOUT,
        "request body stalled for " + Durations.format(timeout)));
  }

  private void cancel() {
    if (timer != null) {
      timer.cancel(false);
      timer = null;
    }
  }
}
