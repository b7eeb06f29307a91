package dev.nettool.servers.http;

import dev.nettool.protocols.unit.Durations;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.LastHttpContent;
import java.time.Duration;

/**
 * Answers 408 when a request body stops arriving for longer than {@code --header-timeout} between two
 * pieces. Time while the server itself paused reading (a slow sink, a held pipelined request) does not
 * count against the client.
 */
final class HttpBodyStallTimeout extends ChannelInboundHandlerAdapter {
  private final Duration timeout;
  private HttpDeadline timer;

  HttpBodyStallTimeout(Duration timeout) {
    this.timeout = timeout;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (msg instanceof LastHttpContent) {
      cancel();
    } else if (msg instanceof HttpRequest || msg instanceof HttpContent) {
      arm(ctx);
    }
    ctx.fireChannelRead(msg);
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    if (timer != null) {
      timer.stop();
    }
    ctx.fireChannelInactive();
  }

  // Taken out when the connection switches to HTTP/2: a timer left queued would still close it.
  @Override
  public void handlerRemoved(ChannelHandlerContext ctx) {
    if (timer != null) {
      timer.stop();
    }
  }

  private void arm(ChannelHandlerContext ctx) {
    if (timer == null) {
      timer = new HttpDeadline(timeout.toNanos(), () -> expired(ctx));
    }
    timer.arm(ctx);
  }

  private void expired(ChannelHandlerContext ctx) {
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
      timer.disarm();
    }
  }
}
