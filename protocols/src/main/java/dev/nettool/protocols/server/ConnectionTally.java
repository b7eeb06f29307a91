package dev.nettool.protocols.server;

import io.netty.channel.group.ChannelGroup;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * What every stream server counts of its connections, shared by all of them: their numbers, how many
 * are open, how many were handled, the bytes both ways, and the wait for the open ones when draining.
 * A protocol adds its own goal ({@code --count} connections, requests) by overriding {@link #onClosed}.
 */
public class ConnectionTally {
  private final AtomicLong nextId = new AtomicLong();
  private final AtomicInteger open = new AtomicInteger();
  private final LongAdder handled = new LongAdder();
  private final LongAdder bytesIn = new LongAdder();
  private final LongAdder bytesOut = new LongAdder();
  private final ChannelGroup channels;

  public ConnectionTally(ChannelGroup channels) {
    this.channels = channels;
  }

  /** The number of a new connection, shown as {@code #3} in events. */
  public final long nextId() {
    return nextId.incrementAndGet();
  }

  /** Counts a connection as open and returns how many are open now. */
  public final int opened() {
    return open.incrementAndGet();
  }

  /** Counts a connection as handled; call after its close event was published. */
  public final void closed(long in, long out) {
    bytesIn.add(in);
    bytesOut.add(out);
    handled.increment();
    onClosed(handled.sum());
    release();
  }

  /** A connection that was opened but turned away (over a limit) is not counted as handled. */
  public final void dropped() {
    release();
  }

  /** Called once per handled connection with how many have been handled so far. */
  protected void onClosed(long handledSoFar) {}

  private void release() {
    if (open.decrementAndGet() == 0) {
      synchronized (this) {
        notifyAll();
      }
    }
  }

  /** Waits until no connection is open or the deadline passes; returns whether none is open. */
  public final synchronized boolean awaitIdle(long deadlineNanos) {
    while (open.get() > 0) {
      long left = deadlineNanos - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      try {
        wait(Math.max(1, left / 1_000_000));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return true;
  }

  /**
   * Lets the open connections finish within {@code drain}, then closes what is left and waits a moment
   * more for their close events, so that a summary published after this is the last line.
   */
  public final void drain(Duration drain) {
    if (!awaitIdle(System.nanoTime() + drain.toNanos())) {
      channels.close().awaitUninterruptibly(1000);
      awaitIdle(System.nanoTime() + TimeUnit.SECONDS.toNanos(1));
    }
  }

  public final int open() {
    return open.get();
  }

  public final long handled() {
    return handled.sum();
  }

  public final long bytesIn() {
    return bytesIn.sum();
  }

  public final long bytesOut() {
    return bytesOut.sum();
  }

  public final ChannelGroup channels() {
    return channels;
  }
}
