package dev.nettool.clients.http;

import java.time.Duration;

/**
 * Everything an {@link HttpLoad} needs, immutable.
 *
 * @param client the request to repeat (its body must be in memory), transport, connect timeout, user agent
 * @param connections how many keep-alive connections run at once, each with one request in flight (HTTP/1.1)
 * @param requests how many requests to send in all; 0 when {@code duration} bounds the run instead
 * @param duration how long to keep sending, or {@code null} when {@code requests} bounds the run
 * @param requestTimeout a request without its whole response after this counts as timed out
 * @param streams over HTTP/2, how many requests each connection keeps in flight, each on its own stream
 * @param warmUp with {@code duration}: how long requests go out before the measured {@code duration}
 *     starts, left out of every figure of the report (as h2load's {@code --warm-up-time}); {@code null}: none
 */
public record HttpLoadConfig(HttpClientConfig client, int connections, long requests, Duration duration,
    Duration requestTimeout, int streams, Duration warmUp) {

  public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(10);
  /** Streams in flight per HTTP/2 connection unless told: enough to keep a connection busy, as browsers do. */
  public static final int DEFAULT_STREAMS = 10;

  public HttpLoadConfig {
    if (connections < 1) {
      throw new IllegalArgumentException("connections must be at least 1");
    }
    if (streams < 1) {
      throw new IllegalArgumentException("streams must be at least 1");
    }
    if ((requests > 0) == (duration != null)) {
      throw new IllegalArgumentException("give a number of requests or a duration");
    }
    if (requests < 0) {
      throw new IllegalArgumentException("requests is negative");
    }
    if (warmUp != null && (duration == null || warmUp.isNegative())) {
      throw new IllegalArgumentException("a warm-up goes with a duration");
    }
    if (requestTimeout.isZero() || requestTimeout.isNegative()) {
      throw new IllegalArgumentException("request timeout must be positive");
    }
    if (!(client.request().body() instanceof HttpRequestBody.Bytes)
        && !(client.request().body() instanceof HttpRequestBody.Empty)) {
      throw new IllegalArgumentException("load mode sends bodies held in memory only (-d, --data-binary, --json)");
    }
  }

  /** With no warm-up. */
  public HttpLoadConfig(HttpClientConfig client, int connections, long requests, Duration duration,
      Duration requestTimeout, int streams) {
    this(client, connections, requests, duration, requestTimeout, streams, null);
  }

  /** With the default number of HTTP/2 streams. */
  public HttpLoadConfig(HttpClientConfig client, int connections, long requests, Duration duration,
      Duration requestTimeout) {
    this(client, connections, requests, duration, requestTimeout, DEFAULT_STREAMS);
  }
}
