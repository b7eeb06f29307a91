package dev.nettool.cli.http;

import dev.nettool.cli.options.Converters;
import java.time.Duration;
import picocli.CommandLine.Option;

/** Load mode: {@code --requests N} or {@code --duration D}, over {@code --concurrency C} connections. */
final class HttpLoadOptions {
  @Option(names = "--requests", paramLabel = "N",
      description = "Load mode: send N requests in all, and print rate, latency percentiles, statuses and errors.")
  Long requests;

  @Option(names = "--duration", paramLabel = "DURATION", converter = Converters.DurationConverter.class,
      description = "Load mode: send requests for this long instead of a number of them.")
  Duration duration;

  @Option(names = "--concurrency", paramLabel = "C",
      description = "Load mode: keep-alive connections, each with one request in flight (default: 1).")
  Integer concurrency;

  boolean active() {
    return requests != null || duration != null;
  }
}
