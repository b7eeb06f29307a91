package dev.nettool.cli;

import dev.nettool.protocols.ExitCode;
import picocli.CommandLine;

/** Bad options or values: one line naming the problem, a pointer to {@code --help}, exit 2. */
final class UsageErrorHandler implements CommandLine.IParameterExceptionHandler {
  private final CliContext ctx;

  UsageErrorHandler(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public int handleParseException(CommandLine.ParameterException ex, String[] args) {
    CommandLine cl = ex.getCommandLine();
    ctx.err().println("nettool: usage: " + ex.getMessage().replace(System.lineSeparator(), " "));
    ctx.err().println("Try '" + cl.getCommandSpec().qualifiedName() + " --help' for more information.");
    ctx.err().flush();
    return ExitCode.USAGE.code();
  }
}
