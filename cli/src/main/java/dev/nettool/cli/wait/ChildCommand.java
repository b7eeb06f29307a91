package dev.nettool.cli.wait;

import dev.nettool.cli.CliContext;
import dev.nettool.protocols.ExitCode;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs the command given after {@code --} with nettool's own stdin, stdout and stderr and its
 * environment, and returns its exit status, as wait-for-it's {@code exec "$@"} would.
 */
final class ChildCommand {
  /** Shells exit 126 for a command found but not executable and 127 for one not found. */
  static final int NOT_EXECUTABLE = 126;
  static final int NOT_FOUND = 127;
  private static final Pattern ERRNO = Pattern.compile("error=(\\d+), (.*)");

  private ChildCommand() {}

  /**
   * Runs {@code argv} to its end. SIGTERM to nettool is passed on to the command; SIGINT is not,
   * since a terminal's Ctrl-C already reaches the whole foreground process group.
   */
  static int run(CliContext ctx, List<String> argv) {
    ProcessBuilder pb = new ProcessBuilder(argv).inheritIO();
    pb.environment().clear();
    pb.environment().putAll(ctx.env());
    ctx.out().flush();
    ctx.err().flush();
    Process process;
    try {
      process = pb.start();
    } catch (IOException e) {
      return cannotRun(ctx, argv.get(0), e);
    }
    try {
      CompletableFuture.anyOf(process.onExit(), ctx.stop()).get();
      if (process.isAlive() && "SIGTERM".equals(ctx.stop().getNow(null))) {
        process.destroy();
      }
      // The JDK already reports a death by signal N as 128+N, the shells' convention; pass it through.
      return process.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroy();
      return ExitCode.INTERRUPTED.code();
    } catch (ExecutionException e) {
      throw new IllegalStateException("waiting for " + argv.get(0) + " failed", e.getCause());
    }
  }

  // 126/127 are not nettool's own exit codes, so this line is printed here rather than thrown.
  private static int cannotRun(CliContext ctx, String program, IOException e) {
    String detail = String.valueOf(e.getMessage());
    int code = NOT_FOUND;
    Matcher m = ERRNO.matcher(detail);
    if (m.find()) {
      code = m.group(1).equals("13") ? NOT_EXECUTABLE : NOT_FOUND;
      detail = m.group(2);
    }
    ctx.err().println("nettool: cannot run " + program + ": " + detail);
    ctx.err().flush();
    return code;
  }
}
