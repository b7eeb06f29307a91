package dev.nettool.cli;

import dev.nettool.cli.options.LifetimeOptions;
import dev.nettool.protocols.ExitCode;
import dev.nettool.protocols.address.Endpoint;
import dev.nettool.protocols.event.EventSink;
import dev.nettool.protocols.ready.ReadySignal;
import dev.nettool.protocols.server.NetServer;
import dev.nettool.protocols.unit.Durations;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Waits for a server's run to end: its own goal ({@code --count}, pipe finished), SIGINT/SIGTERM,
 * or {@code --max-time}. Stopping by signal is a server's normal end (exit 0); running out of
 * {@code --max-time} before {@code --count} was reached exits 124.
 */
public final class ServerLifetime {
  private ServerLifetime() {}

  /**
   * The run every server command shares: pid file, start, ready file, ready line, wait for the end,
   * drain and close (which publishes the summary). Returns the exit code.
   */
  public static int run(CliContext ctx, NetServer server, EventSink sink, ReadySignal signal, LifetimeOptions life) {
    signal.writePid();
    try {
      Endpoint bound = server.start();
      // The file first: whoever has seen the ready line may read the file at once.
      signal.announce(bound.display());
      sink.publish(server.listeningEvent());
      int code = await(ctx, server.done(), life);
      signal.stopping();
      return code;
    } finally {
      server.close(life.drain());
    }
  }

  /** Blocks until the run ends and returns the exit code the command should give. */
  public static int await(CliContext ctx, CompletableFuture<Void> done, LifetimeOptions life) {
    CompletableFuture<Object> end = CompletableFuture.anyOf(done, ctx.stop());
    try {
      if (life.maxTime() == null) {
        end.get();
      } else {
        end.get(life.maxTime().toNanos(), TimeUnit.NANOSECONDS);
      }
      return ExitCode.OK.code();
    } catch (TimeoutException e) {
      if (life.count() > 0) {
        ctx.err().println("nettool: timed out: --max-time " + Durations.spoken(life.maxTime())
            + " ran out before --count " + life.count() + " was reached");
        return ExitCode.TIMEOUT.code();
      }
      return ExitCode.OK.code();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return ExitCode.INTERRUPTED.code();
    } catch (ExecutionException e) {
      return ExitCode.FAILURE.code();
    }
  }
}
