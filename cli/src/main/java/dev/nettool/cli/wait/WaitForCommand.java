package dev.nettool.cli.wait;

import dev.nettool.cli.CliContext;
import dev.nettool.protocols.ExitCode;
import dev.nettool.protocols.NettoolException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Placeholder for {@code nettool wait-for}, being written. */
@Command(name = "wait-for", hidden = true)
public final class WaitForCommand implements Callable<Integer> {
  private final CliContext ctx;

  WaitForCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    throw new NettoolException(ExitCode.FAILURE, "wait-for", "not built yet " + ctx.env().size());
  }
}
