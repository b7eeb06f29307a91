package dev.nettool.clients.http;

import java.util.Arrays;
import org.HdrHistogram.Histogram;

/**
 * What one load connection measured: latencies in microseconds, a count per status, errors and body bytes.
 * Only that connection's event loop touches it; the stats are merged once the run is over.
 */
final class HttpLoadStats {
  /** Latencies above ten minutes are recorded as ten minutes. */
  static final long MAX_MICROS = 600_000_000L;

  final Histogram latency = new Histogram(MAX_MICROS, 3);
  final long[] statuses = new long[600];
  long responses;
  long bodyBytes;
  long connectErrors;
  long timeouts;
  long malformed;
  long closed;
  long tlsErrors;
  boolean spokeHttp1;
  boolean spokeHttp2;
  /** Why the first failed handshake failed, or {@code null}. */
  String tlsFailure;

  /** Forgets everything measured so far (the warm-up's), keeping which protocols were spoken. */
  void clear() {
    latency.reset();
    Arrays.fill(statuses, 0);
    responses = 0;
    bodyBytes = 0;
    connectErrors = 0;
    timeouts = 0;
    malformed = 0;
    closed = 0;
    tlsErrors = 0;
    tlsFailure = null;
  }

  void response(int status, long nanos) {
    responses++;
    if (status >= 0 && status < statuses.length) {
      statuses[status]++;
    }
    latency.recordValue(Math.min(MAX_MICROS, Math.max(1, nanos / 1000)));
  }

  /** Adds {@code other} into this one. */
  void add(HttpLoadStats other) {
    latency.add(other.latency);
    for (int i = 0; i < statuses.length; i++) {
      statuses[i] += other.statuses[i];
    }
    responses += other.responses;
    bodyBytes += other.bodyBytes;
    connectErrors += other.connectErrors;
    timeouts += other.timeouts;
    malformed += other.malformed;
    closed += other.closed;
    tlsErrors += other.tlsErrors;
    spokeHttp1 |= other.spokeHttp1;
    spokeHttp2 |= other.spokeHttp2;
    if (tlsFailure == null) {
      tlsFailure = other.tlsFailure;
    }
  }
}
