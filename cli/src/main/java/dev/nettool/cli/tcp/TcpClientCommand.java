package dev.nettool.cli.tcp;

import dev.nettool.cli.CliContext;
import dev.nettool.protocols.ExitCode;
import dev.nettool.protocols.NettoolException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Placeholder for {@code nettool tcp-client}, being written. */
@Command(name = "tcp-client", hidden = true)
public final class TcpClientCommand implements Callable<Integer> {
  private final CliContext ctx;

  TcpClientCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    throw new NettoolException(ExitCode.FAILURE, "tcp-client", "not built yet " + ctx.env().size());
  }
}
