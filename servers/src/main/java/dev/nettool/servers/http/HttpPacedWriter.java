package dev.nettool.servers.http;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/**
 * Writes the body of a streamed response piece by piece: piece {@code i} goes out once the write of
 * piece {@code i - 1} has completed (back-pressure: a slow reader slows the stream) and {@code interval}
 * has passed since that piece was written. Stops quietly when the client has gone. Pieces are made on
 * demand, so nothing waits in memory.
 */
final class HttpPacedWriter {
  private final Channel channel;
  private final HttpExchange.HttpResponseStream out;
  private final int count;
  private final long intervalNanos;
  private final IntFunction<ByteBuf> piece;
  private int next;
  // Two things must happen before the next piece: the last write completes and the interval passes.
  private int waitingFor;

  private HttpPacedWriter(HttpExchange exchange, HttpExchange.HttpResponseStream out, int count, long intervalNanos,
      IntFunction<ByteBuf> piece) {
    this.channel = exchange.channel();
    this.out = out;
    this.count = count;
    this.intervalNanos = intervalNanos;
    this.piece = piece;
  }

  /**
   * Streams {@code count} pieces made by {@code piece} into {@code out}, the first after {@code firstNanos},
   * then ends the body.
   */
  static void start(HttpExchange exchange, HttpExchange.HttpResponseStream out, int count, long firstNanos,
      long intervalNanos, IntFunction<ByteBuf> piece) {
    HttpPacedWriter w = new HttpPacedWriter(exchange, out, count, intervalNanos, piece);
    w.waitingFor = 1;
    w.after(firstNanos);
  }

  private void after(long nanos) {
    if (nanos > 0) {
      channel.eventLoop().schedule(this::ready, nanos, TimeUnit.NANOSECONDS);
    } else {
      // Not inline: a write that completes at once would otherwise recurse once per piece.
      channel.eventLoop().execute(this::ready);
    }
  }

  private void ready() {
    if (--waitingFor > 0) {
      return;
    }
    if (!out.open()) {
      return;
    }
    if (count == 0) {
      out.end();
      return;
    }
    if (next == count - 1) {
      // The last piece ends the body, with no interval after it: over HTTP/2 its DATA frame ends the stream,
      // where an empty one after it may go unread by a client that stops at the Content-Length.
      out.end(piece.apply(next++));
      return;
    }
    waitingFor = 2;
    out.write(piece.apply(next++)).addListener(f -> {
      if (f.isSuccess()) {
        ready();
      }
    });
    after(intervalNanos);
  }
}
