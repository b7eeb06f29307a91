package dev.nettool.servers.http;

import io.netty.channel.group.ChannelGroup;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/** Counters shared by every connection of one server: ids, open connections, requests, bytes, the {@code --count} goal. */
final class HttpServerStats {
  private final AtomicLong nextId = new AtomicLong();
  private final AtomicInteger open = new AtomicInteger();
  private final LongAdder connections = new LongAdder();
  private final LongAdder requests = new LongAdder();
  private final LongAdder bytesIn = new LongAdder();
  private final LongAdder bytesOut = new LongAdder();
  private final long count;
  private final CompletableFuture<Void> countReached;
  private final ChannelGroup channels;

  HttpServerStats(long count, CompletableFuture<Void> countReached, ChannelGroup channels) {
    this.count = count;
    this.countReached = countReached;
    this.channels = channels;
  }

  /** Numbers a new connection and counts it as open. */
  long opened() {
    open.incrementAndGet();
    return nextId.incrementAndGet();
  }

  /** Counts a connection as handled; call after its close event was published. */
  void closed(long in, long out) {
    bytesIn.add(in);
    bytesOut.add(out);
    connections.increment();
    if (open.decrementAndGet() == 0) {
      synchronized (this) {
        notifyAll();
      }
    }
  }

  /** Counts one exchange answered completely. */
  void answered() {
    requests.increment();
    if (count > 0 && requests.sum() >= count) {
      countReached.complete(null);
    }
  }

  /** Waits until no connection is open or the deadline passes; returns whether none is open. */
  synchronized boolean awaitIdle(long deadlineNanos) {
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

  int open() {
    return open.get();
  }

  long connections() {
    return connections.sum();
  }

  long requests() {
    return requests.sum();
  }

  long bytesIn() {
    return bytesIn.sum();
  }

  long bytesOut() {
    return bytesOut.sum();
  }

  ChannelGroup channels() {
    return channels;
  }
}
