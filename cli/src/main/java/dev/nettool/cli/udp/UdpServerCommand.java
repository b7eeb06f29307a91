package dev.nettool.cli.udp;

import dev.nettool.cli.CliContext;
import dev.nettool.protocols.ExitCode;
import dev.nettool.protocols.NettoolException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Placeholder for {@code nettool udp-server}, being written. */
@Command(name = "udp-server", hidden = true)
public final class UdpServerCommand implements Callable<Integer> {
  private final CliContext ctx;

  UdpServerCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    throw new NettoolException(ExitCode.FAILURE, "udp-server", "not built yet " + ctx.env().size());
  }
}
