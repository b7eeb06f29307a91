package dev.nettool.cli;

import dev.nettool.protocols.ExitCode;
import dev.nettool.protocols.NettoolException;
import picocli.CommandLine;

/** Turns any exception a command throws into one {@code nettool: <what>: <detail>} line and an exit code. */
final class ErrorHandler implements CommandLine.IExecutionExceptionHandler {
  private final CliContext ctx;
  private final boolean debug;

  ErrorHandler(CliContext ctx, boolean debug) {
    this.ctx = ctx;
    this.debug = debug;
  }

  @Override
  public int handleExecutionException(Exception ex, CommandLine cl, CommandLine.ParseResult parsed) {
    ctx.out().flush();
    if (ex instanceof UsageException) {
      return UsageErrorHandler.report(ctx, cl.getCommandSpec().qualifiedName(), ex.getMessage());
    }
    ctx.err().println("nettool: " + describe(ex));
    if (debug) {
      ex.printStackTrace(ctx.err());
    }
    ctx.err().flush();
    return exitCodeOf(ex);
  }

  static String describe(Throwable ex) {
    if (ex instanceof NettoolException n) {
      return n.what() + ": " + n.detail();
    }
    String msg = ex.getMessage();
    return ex.getClass().getSimpleName() + (msg == null ? "" : ": " + msg);
  }

  static int exitCodeOf(Throwable ex) {
    if (ex instanceof NettoolException n) {
      return n.exitCode().code();
    }
    if (ex instanceof CommandLine.ParameterException || ex instanceof UsageException) {
      return ExitCode.USAGE.code();
    }
    return ExitCode.FAILURE.code();
  }
}
