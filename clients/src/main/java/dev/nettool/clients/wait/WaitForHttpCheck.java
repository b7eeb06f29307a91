package dev.nettool.clients.wait;

import dev.nettool.clients.http.HttpUrl;
import dev.nettool.protocols.event.ErrorDetail;
import dev.nettool.protocols.unit.Durations;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderResultProvider;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Asks an HTTP target whether it is ready: once connected, sends one {@code GET}, reports the status of the
 * response (or why none came within the time allowed) exactly once, and closes.
 */
final class WaitForHttpCheck extends ChannelInboundHandlerAdapter {
  /** Where the answer goes: a status, or 0 and the reason there was none. */
  @FunctionalInterface
  interface Answer {
    void answered(int status, String failure);
  }

  private final HttpUrl url;
  private final Duration timeout;
  private final Answer answer;
  private boolean answered;
  private ScheduledFuture<?> timer;

  WaitForHttpCheck(HttpUrl url, Duration timeout, Answer answer) {
    this.url = url;
    this.timeout = timeout;
    this.answer = answer;
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    timer = ctx.executor().schedule(() -> answer(ctx, 0, "no response within " + Durations.spoken(timeout)),
        timeout.toNanos(), TimeUnit.NANOSECONDS);
    FullHttpRequest get = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, url.target());
    HttpHeaders h = get.headers();
    h.set("Host", url.hostHeader());
    h.set("User-Agent", "nettool wait-for");
    h.set("Accept", "*/*");
    h.set("Connection", "close");
    ctx.writeAndFlush(get);
    ctx.fireChannelActive();
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    try {
      if (msg instanceof DecoderResultProvider p && p.decoderResult().isFailure()) {
        answer(ctx, 0, "malformed response: " + ErrorDetail.of(p.decoderResult().cause()));
      } else if (msg instanceof HttpResponse r && r.status().code() >= 200) {
        answer(ctx, r.status().code(), null);
      }
    } finally {
      ReferenceCountUtil.release(msg);
    }
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    answer(ctx, 0, ErrorDetail.of(cause));
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    answer(ctx, 0, "connection closed without a response");
    ctx.fireChannelInactive();
  }

  private void answer(ChannelHandlerContext ctx, int status, String failure) {
    if (answered) {
      return;
    }
    answered = true;
    if (timer != null) {
      timer.cancel(false);
    }
    ctx.close();
    answer.answered(status, failure);
  }
}
