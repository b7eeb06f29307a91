package dev.nettool.cli.udp;

import dev.nettool.cli.CliContext;
import dev.nettool.servers.udp.UdpMode;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/** {@code nettool udp-server --mode log|echo|discard}. */
@Command(name = "udp-server", header = "UDP server: log, echo or discard each datagram", mixinStandardHelpOptions = true,
    description = {"A UDP server that shows each datagram with its sender, echoes it back, or drops",
        "it; with --join it receives a multicast group."})
public final class UdpServerCommand implements Callable<Integer> {
  private final CliContext ctx;

  @Mixin UdpServerOptions server;

  @Option(names = "--mode", paramLabel = "MODE", defaultValue = "log", converter = ModeConverter.class,
      description = "log: show each datagram as a message event; echo: also send it back; "
          + "discard: count silently, -v shows them (default: ${DEFAULT-VALUE}).")
  UdpMode mode;

  UdpServerCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    return server.run(ctx, mode);
  }

  /** {@code log|echo|discard}. */
  static final class ModeConverter implements ITypeConverter<UdpMode> {
    @Override
    public UdpMode convert(String value) {
      try {
        return UdpMode.parse(value);
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException(e.getMessage());
      }
    }
  }
}
