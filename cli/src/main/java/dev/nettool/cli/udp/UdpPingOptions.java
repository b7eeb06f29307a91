package dev.nettool.cli.udp;

import dev.nettool.cli.options.Converters;
import dev.nettool.clients.udp.UdpClientConfig;
import dev.nettool.protocols.ExitCode;
import dev.nettool.protocols.NettoolException;
import java.time.Duration;
import picocli.CommandLine.Option;

/** {@code --ping N}, {@code --interval}, {@code --size}: ping a UDP echo service. */
final class UdpPingOptions {
  @Option(names = "--ping", paramLabel = "N",
      description = "Send N numbered probes to a UDP echo and report each reply, the loss and "
          + "min/avg/max/p99 round-trip times, like ping. Exit 0 when all came back, 1 when any was lost.")
  Integer count;

  @Option(names = "--interval", paramLabel = "DURATION", converter = Converters.DurationConverter.class,
      description = "Ping: time between probes (default: 1s).")
  Duration interval;

  @Option(names = "--size", paramLabel = "BYTES", converter = Converters.SizeConverter.class,
      description = "Ping: bytes per probe, 16 to 65507 (default: 64).")
  Long size;

  boolean enabled() {
    return count != null;
  }

  /** {@code config} in ping mode, checked. */
  UdpClientConfig apply(UdpClientConfig config) {
    if (count == null) {
      if (interval != null || size != null) {
        throw usage(interval != null ? "--interval" : "--size", "only applies with --ping N");
      }
      return config;
    }
    if (count < 1) {
      throw usage("--ping", count + " is not a positive number of probes");
    }
    Duration every = interval == null ? Duration.ofSeconds(1) : interval;
    if (every.isZero()) {
      throw usage("--interval", "must be more than 0");
    }
    long bytes = size == null ? 64 : size;
    if (bytes < UdpClientConfig.MIN_PING_SIZE || bytes > UdpClientConfig.MAX_DATAGRAM) {
      throw usage("--size", bytes + " is out of range " + UdpClientConfig.MIN_PING_SIZE + "-"
          + UdpClientConfig.MAX_DATAGRAM);
    }
    return config.withPing(count, every, (int) bytes);
  }

  private static NettoolException usage(String option, String detail) {
    return new NettoolException(ExitCode.USAGE, option, detail);
  }
}
