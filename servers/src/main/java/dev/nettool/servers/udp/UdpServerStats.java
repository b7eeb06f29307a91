package dev.nettool.servers.udp;

import java.util.concurrent.CompletableFuture;

/**
 * The server's totals and its {@code --count} goal. The counters are plain fields: a UDP server has
 * one channel, so only its event loop writes them, and {@link UdpServer#close} reads them after the
 * channel's close future completed, which publishes every write made before it.
 */
final class UdpServerStats {
  private final long count;
  private final CompletableFuture<Void> countReached;
  private long datagrams;
  private long bytesIn;
  private long bytesOut;

  UdpServerStats(long count, CompletableFuture<Void> countReached) {
    this.count = count;
    this.countReached = countReached;
  }

  void received(int bytes) {
    bytesIn += bytes;
  }

  void sent(int bytes) {
    bytesOut += bytes;
  }

  /** Counts a datagram as handled; true when it is the one that reaches {@code --count}. */
  boolean handled() {
    datagrams++;
    return datagrams == count;
  }

  /** The {@code --count} goal was reached and its last datagram fully handled. */
  void finish() {
    countReached.complete(null);
  }

  long datagrams() {
    return datagrams;
  }

  long bytesIn() {
    return bytesIn;
  }

  long bytesOut() {
    return bytesOut;
  }
}
