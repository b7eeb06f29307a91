package dev.nettool.servers.http;

import dev.nettool.protocols.server.ConnectionTally;
import io.netty.channel.group.ChannelGroup;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.LongAdder;

/** The HTTP server's connection counters plus its requests, whose goal is {@code --count} requests answered. */
final class HttpServerStats extends ConnectionTally {
  private final LongAdder requests = new LongAdder();
  private final long count;
  private final CompletableFuture<Void> countReached;

  HttpServerStats(long count, CompletableFuture<Void> countReached, ChannelGroup channels) {
    super(channels);
    this.count = count;
    this.countReached = countReached;
  }

  /** Counts one exchange answered completely. */
  void answered() {
    requests.increment();
    if (count > 0 && requests.sum() >= count) {
      countReached.complete(null);
    }
  }

  /** Whether a {@code --count} of requests ends the run. */
  boolean countsRequests() {
    return count > 0;
  }

  long requests() {
    return requests.sum();
  }
}
