package dev.nettool.cli.options;

import dev.nettool.protocols.address.Endpoint;
import dev.nettool.protocols.address.Endpoints;
import dev.nettool.protocols.transport.TransportKind;
import dev.nettool.protocols.unit.Durations;
import dev.nettool.protocols.unit.Sizes;
import java.time.Duration;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** picocli converters for durations, sizes, ports, targets and transports; a bad value names itself. */
public final class Converters {
  private Converters() {}

  /** {@code 500ms}, {@code 5s}, {@code 2m}. */
  public static final class DurationConverter implements ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
      try {
        return Durations.parse(value);
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException(e.getMessage());
      }
    }
  }

  /** {@code 64KB}, {@code 10MB}, {@code 1GB}. */
  public static final class SizeConverter implements ITypeConverter<Long> {
    @Override
    public Long convert(String value) {
      try {
        return Sizes.parse(value);
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException(e.getMessage());
      }
    }
  }

  /** A port 0-65535. */
  public static final class PortConverter implements ITypeConverter<Integer> {
    @Override
    public Integer convert(String value) {
      try {
        int port = Integer.parseInt(value.trim());
        if (port < 0 || port > 65535) {
          throw new TypeConversionException("'" + value + "' is out of range 0-65535");
        }
        return port;
      } catch (NumberFormatException e) {
        throw new TypeConversionException("'" + value + "' is not a port number");
      }
    }
  }

  /** {@code HOST:PORT}, {@code [v6]:PORT}, {@code unix:/path} or a URL. */
  public static final class EndpointConverter implements ITypeConverter<Endpoint> {
    @Override
    public Endpoint convert(String value) {
      try {
        return Endpoints.parseTarget(value);
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException(e.getMessage());
      }
    }
  }

  /** {@code auto|epoll|io_uring|nio}. */
  public static final class TransportConverter implements ITypeConverter<TransportKind> {
    @Override
    public TransportKind convert(String value) {
      try {
        return TransportKind.parse(value);
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException(e.getMessage());
      }
    }
  }
}
