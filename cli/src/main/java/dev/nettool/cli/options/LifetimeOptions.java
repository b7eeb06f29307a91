package dev.nettool.cli.options;

import java.time.Duration;
import picocli.CommandLine.Option;

/** How long a run lasts: {@code --count}, {@code --max-time}, {@code --drain-timeout}. */
public final class LifetimeOptions {
  @Option(names = "--count", paramLabel = "N",
      description = "Exit 0 once N connections (or datagrams, requests) were handled completely.")
  long count;

  @Option(names = "--max-time", paramLabel = "DURATION", converter = Converters.DurationConverter.class,
      description = "Bound the whole run (500ms, 5s, 2m). With --count, running out first exits 124.")
  Duration maxTime;

  @Option(names = "--drain-timeout", paramLabel = "DURATION", converter = Converters.DurationConverter.class,
      defaultValue = "5s",
      description = "On SIGINT/SIGTERM, how long open exchanges may finish (default: ${DEFAULT-VALUE}).")
  Duration drain;

  public long count() {
    return count;
  }

  public Duration maxTime() {
    return maxTime;
  }

  public Duration drain() {
    return drain;
  }
}
