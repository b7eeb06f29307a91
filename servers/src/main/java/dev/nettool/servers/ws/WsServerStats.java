package dev.nettool.servers.ws;

import dev.nettool.protocols.server.ConnectionTally;
import io.netty.channel.group.ChannelGroup;
import java.util.concurrent.CompletableFuture;

/** The WebSocket server's connection counters, whose goal is {@code --count} sessions handled. */
final class WsServerStats extends ConnectionTally {
  private final long count;
  private final CompletableFuture<Void> countReached;

  WsServerStats(long count, CompletableFuture<Void> countReached, ChannelGroup channels) {
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
