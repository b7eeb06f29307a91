package dev.nettool.cli;

import dev.nettool.protocols.ExitCode;
import dev.nettool.protocols.NettoolException;
import dev.nettool.protocols.unit.Durations;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Waits for a client's run: its own outcome (an exit code, or a {@link NettoolException}),
 * SIGINT/SIGTERM (exit 130), or {@code --timeout} running out first (exit 124).
 */
public final class ClientLifetime {
  private ClientLifetime() {}

  /**
   * Blocks until {@code outcome} completes, the stop signal arrives or {@code timeout} (may be null)
   * passes; a {@link NettoolException} from the outcome is rethrown for the error handler.
   */
  public static int await(CliContext ctx, CompletableFuture<Integer> outcome, Duration timeout, String what) {
    CompletableFuture<Object> end = CompletableFuture.anyOf(outcome, ctx.stop());
    try {
      if (timeout == null) {
        end.get();
      } else {
        end.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
      }
    } catch (TimeoutException e) {
      throw new NettoolException(ExitCode.TIMEOUT, "timed out",
          what + " did not finish within " + Durations.spoken(timeout));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return ExitCode.INTERRUPTED.code();
    } catch (ExecutionException e) {
      throw unwrap(e.getCause());
    }
    if (!outcome.isDone()) {
      return ExitCode.INTERRUPTED.code();
    }
    try {
      return outcome.join();
    } catch (CompletionException e) {
      throw unwrap(e.getCause());
    }
  }

  private static RuntimeException unwrap(Throwable cause) {
    if (cause instanceof RuntimeException r) {
      return r;
    }
    return new NettoolException(ExitCode.FAILURE, "failed", String.valueOf(cause.getMessage()), cause);
  }
}
