package dev.nettool.cli.udp;

import dev.nettool.cli.CliContext;
import dev.nettool.protocols.ExitCode;
import dev.nettool.protocols.NettoolException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Placeholder for {@code nettool udp-echo}, being written. */
@Command(name = "udp-echo", hidden = true)
public final class UdpEchoCommand implements Callable<Integer> {
  private final CliContext ctx;

  UdpEchoCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    throw new NettoolException(ExitCode.FAILURE, "udp-echo", "not built yet " + ctx.env().size());
  }
}
