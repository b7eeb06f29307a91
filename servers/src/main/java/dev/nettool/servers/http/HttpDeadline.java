package dev.nettool.servers.http;

import io.netty.channel.ChannelHandlerContext;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One connection's timer that is cheap to arm and disarm on every request: arming moves a deadline,
 * disarming clears it, and at most one task sits in the event loop's queue. When that task comes due
 * before the deadline it schedules itself for the rest (as Netty's {@code IdleStateHandler} does with
 * its timestamps), so a busy connection never adds and cancels a task per request. Event loop only.
 */
final class HttpDeadline {
  private final long timeoutNanos;
  private final Runnable expired;
  private ScheduledFuture<?> task;
  private long deadline;
  private boolean armed;

  /** @param expired what to run on the event loop when the deadline passes while armed */
  HttpDeadline(long timeoutNanos, Runnable expired) {
    this.timeoutNanos = timeoutNanos;
    this.expired = expired;
  }

  boolean armed() {
    return armed;
  }

  /** Sets the deadline to the timeout from now. */
  void arm(ChannelHandlerContext ctx) {
    deadline = ctx.executor().ticker().nanoTime() + timeoutNanos;
    armed = true;
    if (task == null) {
      schedule(ctx, timeoutNanos);
    }
  }

  /** Clears the deadline; a task already queued finds it cleared and does nothing. */
  void disarm() {
    armed = false;
  }

  /** Disarms and takes the queued task out: for when the connection ends. */
  void stop() {
    armed = false;
    if (task != null) {
      task.cancel(false);
      task = null;
    }
  }

  private void schedule(ChannelHandlerContext ctx, long delayNanos) {
    task = ctx.executor().schedule(() -> due(ctx), delayNanos, TimeUnit.NANOSECONDS);
  }

  private void due(ChannelHandlerContext ctx) {
    task = null;
    if (!armed) {
      return;
    }
    long left = deadline - ctx.executor().ticker().nanoTime();
    if (left > 0) {
      schedule(ctx, left);
      return;
    }
    armed = false;
    expired.run();
  }
}
