package dev.nettool.servers.tcp;

import dev.nettool.protocols.server.ConnectionTally;
import io.netty.channel.group.ChannelGroup;
import java.util.concurrent.CompletableFuture;

/** The TCP server's connection counters, whose goal is {@code --count} connections handled. */
final class TcpServerStats extends ConnectionTally {
  private final long count;
  private final CompletableFuture<Void> countReached;

  TcpServerStats(long count, CompletableFuture<Void> countReached, ChannelGroup channels) {
    super(channels);
    this.count = count;
    this.countReached = countReached;
  }

  @Override
  protected void onClosed(long handledSoFar) {
    if (count > 0 && handledSoFar >= count) {
      countReached.complete(null);
    }
  }
}
