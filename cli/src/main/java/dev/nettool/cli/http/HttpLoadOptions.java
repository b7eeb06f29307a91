package dev.nettool.cli.http;

import dev.nettool.cli.options.Converters;
import dev.nettool.clients.http.HttpClientConfig;
import dev.nettool.clients.http.HttpLoadConfig;
import dev.nettool.protocols.ExitCode;
import dev.nettool.protocols.NettoolException;
import java.time.Duration;
import picocli.CommandLine.Option;

/**
 * Load mode: {@code --requests N} or {@code --duration D}, over {@code --concurrency C} connections, each
 * with {@code --streams M} requests in flight over HTTP/2.
 */
final class HttpLoadOptions {
  @Option(names = "--requests", paramLabel = "N",
      description = "Load mode: send N requests in all, and print rate, latency percentiles, statuses and errors.")
  Long requests;

  @Option(names = "--duration", paramLabel = "DURATION", converter = Converters.DurationConverter.class,
      description = "Load mode: send requests for this long instead of a number of them.")
  Duration duration;

  @Option(names = "--warm-up", paramLabel = "DURATION", converter = Converters.DurationConverter.class,
      description = "Load mode with --duration: send requests this long first and leave them out of the report"
          + " (a JIT-compiled client, or server, runs slower for its first seconds).")
  Duration warmUp;

  @Option(names = "--concurrency", paramLabel = "C",
      description = "Load mode: keep-alive connections, each with one request in flight (default: 1).")
  Integer concurrency;

  @Option(names = "--streams", paramLabel = "M",
      description = "Load mode with --http2: requests in flight on each connection, one stream each (default: "
          + HttpLoadConfig.DEFAULT_STREAMS + ").")
  Integer streams;

  boolean active() {
    return requests != null || duration != null;
  }

  /** Load mode repeating {@code client}'s request; each request may take up to {@code requestTimeout}. */
  HttpLoadConfig config(HttpClientConfig client, Duration requestTimeout) {
    if (streams != null && !client.http2()) {
      throw usage("--streams", "needs --http2 (an HTTP/1.1 connection carries one request at a time)");
    }
    if (streams != null && streams < 1) {
      throw usage("--streams", "must be more than 0");
    }
    if (requests != null && duration != null) {
      throw usage("--requests", "give --requests or --duration, not both");
    }
    if (warmUp != null && duration == null) {
      throw usage("--warm-up", "goes with --duration (a warm-up is a time, not a number of requests)");
    }
    int c = concurrency == null ? 1 : concurrency;
    if (c < 1) {
      throw usage("--concurrency", "must be more than 0");
    }
    if (requests != null && requests < 1 || duration != null && duration.isZero()) {
      throw usage(requests != null ? "--requests" : "--duration", "must be more than 0");
    }
    try {
      return new HttpLoadConfig(client, c, requests == null ? 0 : requests, duration, requestTimeout,
          streams == null ? HttpLoadConfig.DEFAULT_STREAMS : streams, warmUp);
    } catch (IllegalArgumentException e) {
      throw usage("--requests", e.getMessage());
    }
  }

  private static NettoolException usage(String option, String detail) {
    return new NettoolException(ExitCode.USAGE, option, detail);
  }
}
