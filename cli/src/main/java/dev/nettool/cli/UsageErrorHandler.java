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
    return report(ctx, ex.getCommandLine().getCommandSpec().qualifiedName(), ex.getMessage());
  }

  /** Prints a usage error of command {@code qualifiedName} ("nettool tcp-client") and returns exit 2. */
  static int report(CliContext ctx, String qualifiedName, String message) {
    ctx.err().println("nettool: usage: " + message.replace(System.lineSeparator(), " "));
    ctx.err().println("Try '" + qualifiedName + " --help' for more information.");
    ctx.err().flush();
    return ExitCode.USAGE.code();
  }
}
