package dev.nettool.clients.http;

import java.time.Duration;
import java.util.Map;

/**
 * The result of a load run.
 *
 * @param connections how many connections ran at once
 * @param responses complete responses received
 * @param took from the first connect to the last response
 * @param p50 median latency
 * @param p90 90th percentile latency
 * @param p99 99th percentile latency
 * @param max the largest latency
 * @param statuses how many responses had each status, by status
 * @param connectErrors connects that failed
 * @param timeouts requests without a whole response within the request timeout
 * @param malformed responses the decoder rejected
 * @param closed requests whose connection closed (or was reset) before the response ended
 * @param bodyBytes response body bytes received
 * @param tlsErrors connections whose TLS handshake failed
 * @param tlsFailure why the first of them failed, or {@code null}
 * @param protocol what the connections spoke: {@code HTTP/1.1}, {@code HTTP/2.0}, or both joined by a comma
 */
public record HttpLoadReport(int connections, long responses, Duration took, Duration p50, Duration p90,
    Duration p99, Duration max, Map<Integer, Long> statuses, long connectErrors, long timeouts, long malformed,
    long closed, long bodyBytes, long tlsErrors, String tlsFailure, String protocol) {

  public HttpLoadReport {
    statuses = Map.copyOf(statuses);
  }

  /** Responses per second over the run. */
  public double requestsPerSecond() {
    double s = took.toNanos() / 1e9;
    return s <= 0 ? 0 : responses / s;
  }

  /** Requests that got no response, whatever the reason. */
  public long errors() {
    return connectErrors + timeouts + malformed + closed + tlsErrors;
  }
}
