package dev.nettool.clients.http;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Drives one HTTP/2 load connection: keeps up to {@code --streams} requests in flight, each on a stream of its
 * own, and opens the next stream as soon as one ends (its response counted by {@link HttpLoadStreamHandler}),
 * until the budget is spent. A stream late past the request timeout is reset and counted; when the
 * connection closes, the streams still in flight count as closed and the worker reconnects.
 */
final class HttpLoadH2Handler extends ChannelInboundHandlerAdapter {
  private final HttpLoadWorker worker;
  private final HttpLoadStats stats;
  private final int streams;
  private final long timeoutNanos;
  /** The streams in flight and when their request was sent. */
  private final Map<Http2StreamChannel, Long> inFlight = new HashMap<>();
  private ChannelHandlerContext ctx;
  private ScheduledFuture<?> watchdog;
  private boolean spent;

  HttpLoadH2Handler(HttpLoadWorker worker, HttpLoadStats stats, int streams) {
    this.worker = worker;
    this.stats = stats;
    this.streams = streams;
    this.timeoutNanos = worker.run().config().requestTimeout().toNanos();
  }

  // Added once ALPN has chosen h2, on a connection already active; or with the connection, before it is.
  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    this.ctx = ctx;
    if (ctx.channel().isActive()) {
      start();
    }
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    start();
    ctx.fireChannelActive();
  }

  private void start() {
    if (watchdog != null) {
      return;
    }
    long period = Math.max(TimeUnit.MILLISECONDS.toNanos(10), Math.min(timeoutNanos / 4,
        TimeUnit.MILLISECONDS.toNanos(100)));
    watchdog = ctx.executor().scheduleAtFixedRate(this::checkLate, period, period, TimeUnit.NANOSECONDS);
    for (int i = 0; i < streams; i++) {
      next();
    }
  }

  // Opens the next stream, or once the budget is spent and nothing is in flight, ends the slot.
  private void next() {
    if (!spent && ctx.channel().isActive() && !worker.run().claim()) {
      spent = true;
    }
    if (spent) {
      if (inFlight.isEmpty()) {
        worker.finish();
        ctx.close();
      }
      return;
    }
    if (!ctx.channel().isActive()) {
      return;
    }
    HttpClientHttp2.open(ctx.channel(), new HttpLoadStreamHandler(this, stats)).addListener(f -> {
      if (!f.isSuccess()) {
        stats.closed++; // the connection is going away: channelInactive reconnects
        return;
      }
      Http2StreamChannel stream = (Http2StreamChannel) f.getNow();
      inFlight.put(stream, System.nanoTime());
      worker.run().writeH2Request(stream).addListener(ChannelFutureListener.CLOSE_ON_FAILURE);
    });
  }

  /** A stream's response has ended with {@code status}. */
  void ended(Http2StreamChannel stream, int status) {
    Long sent = inFlight.remove(stream);
    if (sent != null) {
      stats.response(status, System.nanoTime() - sent);
      next();
    }
  }

  /** A stream closed (reset, or its connection lost) before its response ended. */
  void closedEarly(Http2StreamChannel stream) {
    if (inFlight.remove(stream) != null) {
      stats.closed++;
      next();
    }
  }

  private void checkLate() {
    long now = System.nanoTime();
    List<Http2StreamChannel> late = new ArrayList<>();
    inFlight.forEach((stream, sent) -> {
      if (now - sent > timeoutNanos) {
        late.add(stream);
      }
    });
    for (Http2StreamChannel stream : late) {
      inFlight.remove(stream);
      stats.timeouts++;
      stream.close(); // resets the stream; the connection carries on
      next();
    }
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    ctx.close(); // a connection error: the streams in flight are counted when it is seen closed
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    if (watchdog != null) {
      watchdog.cancel(false);
    }
    stats.closed += inFlight.size();
    inFlight.clear();
    if (spent) {
      worker.finish();
    }
    worker.closed();
    ctx.fireChannelInactive();
  }
}
