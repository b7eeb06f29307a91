package dev.nettool.cli.udp;

import dev.nettool.cli.CliContext;
import dev.nettool.protocols.ExitCode;
import dev.nettool.protocols.NettoolException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Placeholder for {@code nettool udp-client}, being written. */
@Command(name = "udp-client", hidden = true)
public final class UdpClientCommand implements Callable<Integer> {
  private final CliContext ctx;

  UdpClientCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    throw new NettoolException(ExitCode.FAILURE, "udp-client", "not built yet " + ctx.env().size());
  }
}
