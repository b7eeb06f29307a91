package dev.nettool.clients.http;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderResultProvider;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Drives one load connection: sends the request, counts the response (status, latency, body bytes) as it is
 * decoded, and sends the next as soon as it has ended; a response that is malformed, late or cut short is
 * counted as such and the connection closed (its worker reconnects).
 */
final class HttpLoadHandler extends ChannelInboundHandlerAdapter {
  private final HttpLoadWorker worker;
  private final HttpLoadStats stats;
  private final long timeoutNanos;
  private ScheduledFuture<?> watchdog;
  private boolean inFlight;
  private long sentNanos;
  private int status;
  private boolean keepAlive;

  HttpLoadHandler(HttpLoadWorker worker, HttpLoadStats stats) {
    this.worker = worker;
    this.stats = stats;
    this.timeoutNanos = worker.run().config().requestTimeout().toNanos();
  }

  // Added once the TLS handshake is done, on a connection already active; or with the connection, before it is.
  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    if (ctx.channel().isActive()) {
      start(ctx);
    }
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    start(ctx);
    ctx.fireChannelActive();
  }

  private void start(ChannelHandlerContext ctx) {
    if (watchdog != null) {
      return;
    }
    // One periodic check per connection rather than one timer per request.
    long period = Math.max(TimeUnit.MILLISECONDS.toNanos(10), Math.min(timeoutNanos / 4,
        TimeUnit.MILLISECONDS.toNanos(100)));
    watchdog = ctx.executor().scheduleAtFixedRate(() -> checkLate(ctx), period, period, TimeUnit.NANOSECONDS);
    sendNext(ctx);
  }

  private void sendNext(ChannelHandlerContext ctx) {
    if (!worker.run().claim()) {
      worker.finish();
      ctx.close();
      return;
    }
    inFlight = true;
    sentNanos = System.nanoTime();
    ctx.writeAndFlush(worker.run().request(), ctx.voidPromise());
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    try {
      if (!inFlight) {
        return;
      }
      if (msg instanceof DecoderResultProvider p && p.decoderResult().isFailure()) {
        stats.malformed++;
        inFlight = false;
        ctx.close();
        return;
      }
      if (msg instanceof HttpResponse r) {
        status = r.status().code();
        keepAlive = HttpUtil.isKeepAlive(r);
      }
      if (msg instanceof HttpContent c) {
        stats.bodyBytes += c.content().readableBytes();
      }
      if (msg instanceof LastHttpContent) {
        inFlight = false;
        stats.response(status, System.nanoTime() - sentNanos);
        if (keepAlive) {
          sendNext(ctx);
        } else {
          ctx.close();
        }
      }
    } finally {
      ReferenceCountUtil.release(msg);
    }
  }

  private void checkLate(ChannelHandlerContext ctx) {
    if (inFlight && System.nanoTime() - sentNanos > timeoutNanos) {
      inFlight = false;
      stats.timeouts++;
      ctx.close();
    }
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    ctx.close(); // counted when the connection is seen closed with a request in flight
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    if (watchdog != null) {
      watchdog.cancel(false);
    }
    if (inFlight) {
      inFlight = false;
      stats.closed++;
    }
    worker.closed();
    ctx.fireChannelInactive();
  }
}
