package dev.nettool.clients.udp;

import java.util.BitSet;
import org.HdrHistogram.Histogram;

/**
 * A ping run's tally: probes sent, distinct replies, duplicates, and round-trip times (min, max and
 * mean exact, the 99th percentile from an HdrHistogram). Only the event loop touches it.
 */
final class UdpPingStats {
  private final BitSet replied = new BitSet();
  private final Histogram rtts = new Histogram(3);
  private int transmitted;
  private int received;
  private int duplicates;
  private long minNanos = Long.MAX_VALUE;
  private long maxNanos;
  private long sumNanos;

  /** Counts a probe sent and returns its sequence number, from 1. */
  int sent() {
    return ++transmitted;
  }

  /** Whether {@code seq} is a probe this run sent. */
  boolean knows(int seq) {
    return seq >= 1 && seq <= transmitted;
  }

  /** Records the reply to probe {@code seq}; returns false when that probe was already answered. */
  boolean replied(int seq, long rttNanos) {
    if (replied.get(seq)) {
      duplicates++;
      return false;
    }
    replied.set(seq);
    received++;
    minNanos = Math.min(minNanos, rttNanos);
    maxNanos = Math.max(maxNanos, rttNanos);
    sumNanos += rttNanos;
    rtts.recordValue(Math.max(rttNanos, 1));
    return true;
  }

  int transmitted() {
    return transmitted;
  }

  int received() {
    return received;
  }

  int duplicates() {
    return duplicates;
  }

  /** Lost probes as a percentage of those sent. */
  double lossPercent() {
    return transmitted == 0 ? 0 : 100.0 * (transmitted - received) / transmitted;
  }

  double minMillis() {
    return minNanos / 1e6;
  }

  double avgMillis() {
    return received == 0 ? 0 : sumNanos / 1e6 / received;
  }

  double maxMillis() {
    return maxNanos / 1e6;
  }

  /** The 99th percentile, never above the exact maximum (the histogram rounds up within its precision). */
  double p99Millis() {
    return Math.min(rtts.getValueAtPercentile(99.0), maxNanos) / 1e6;
  }
}
