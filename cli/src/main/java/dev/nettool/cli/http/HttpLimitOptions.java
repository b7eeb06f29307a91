package dev.nettool.cli.http;

import dev.nettool.cli.options.Converters;
import dev.nettool.servers.http.HttpServerConfig;
import java.time.Duration;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/** The server's time limits: request head, response sending, idle keep-alive. */
final class HttpLimitOptions implements HttpServerOptionGroup {
  @Option(names = "--header-timeout", paramLabel = "DURATION", converter = PositiveDuration.class,
      defaultValue = "10s", description = "A request head must arrive whole within this, and a body may not "
          + "stall longer between reads; else 408 (default: ${DEFAULT-VALUE}).")
  Duration headerTimeout;

  @Option(names = "--send-timeout", paramLabel = "DURATION", converter = PositiveDuration.class,
      defaultValue = "30s", description = "Close a client that takes no response bytes for this long "
          + "(default: ${DEFAULT-VALUE}).")
  Duration sendTimeout;

  @Option(names = "--keep-alive-timeout", paramLabel = "DURATION", converter = PositiveDuration.class,
      defaultValue = "5s", description = "Close a kept-alive connection idle this long between requests "
          + "(default: ${DEFAULT-VALUE}).")
  Duration keepAliveTimeout;

  @Override
  public void apply(HttpServerConfig.Builder config) {
    config.headerTimeout(headerTimeout).sendTimeout(sendTimeout).keepAliveTimeout(keepAliveTimeout);
  }

  /** A duration above zero: a zero timeout would close every connection at once. */
  static final class PositiveDuration implements ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
      Duration d = new Converters.DurationConverter().convert(value);
      if (d.isZero() || d.isNegative()) {
        throw new TypeConversionException("'" + value + "' is not a duration above zero");
      }
      return d;
    }
  }
}
