package dev.nettool.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Runs nettool command lines in-process with string streams, through the same {@link Nettool}
 * factory as {@link Main}. {@link #start} runs a long-lived command (a server) on its own thread;
 * its stdout lines can be taken with a deadline and {@link Running#stop()} plays SIGTERM.
 */
public final class CliHarness {
  private CliHarness() {}

  /** Runs a command to its end with {@code stdin} as input. */
  public static CliResult runWithStdin(String stdin, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    CliContext ctx = new CliContext(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
        Map.of(), new CompletableFuture<>(), false);
    int code = Nettool.run(ctx, args);
    return new CliResult(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  /** Runs a command with no input. */
  public static CliResult run(String... args) {
    return runWithStdin("", args);
  }

  /** Starts a long-running command on its own thread. */
  public static Running start(InputStream stdin, Map<String, String> env, String... args) {
    return new Running(stdin, env, args);
  }

  /** Starts a long-running command with empty stdin and no environment. */
  public static Running start(String... args) {
    return start(new ByteArrayInputStream(new byte[0]), Map.of(), args);
  }

  /** A command running on its own thread. */
  public static final class Running {
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final StringBuilder outText = new StringBuilder();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final CompletableFuture<String> stop = new CompletableFuture<>();
    private final CompletableFuture<Integer> exit = new CompletableFuture<>();

    Running(InputStream stdin, Map<String, String> env, String[] args) {
      PrintStream out = new PrintStream(new LineSplitter(), true, StandardCharsets.UTF_8);
      CliContext ctx = new CliContext(stdin, out, new PrintStream(err, true, StandardCharsets.UTF_8), env, stop, false);
      Thread t = new Thread(() -> {
        try {
          exit.complete(Nettool.run(ctx, args));
        } catch (Throwable e) {
          exit.completeExceptionally(e);
        }
      }, "nettool-cli-test");
      t.setDaemon(true);
      t.start();
    }

    /** The next stdout line, or an {@link AssertionError} after {@code timeout}. */
    public String takeLine(Duration timeout) throws InterruptedException {
      String line = lines.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
      if (line == null) {
        throw new AssertionError("no output line within " + timeout + "; stderr: " + stderr());
      }
      return line;
    }

    /** Plays SIGTERM. */
    public void stop() {
      stop.complete("SIGTERM");
    }

    /** Waits for the exit code. */
    public int awaitExit(Duration timeout) throws Exception {
      return exit.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    public String stderr() {
      return err.toString(StandardCharsets.UTF_8);
    }

    /** All stdout so far. */
    public synchronized String stdout() {
      return outText.toString();
    }

    private final class LineSplitter extends OutputStream {
      private final ByteArrayOutputStream line = new ByteArrayOutputStream();

      @Override
      public void write(int b) throws IOException {
        synchronized (Running.this) {
          if (b == '\n') {
            String s = line.toString(StandardCharsets.UTF_8);
            line.reset();
            outText.append(s).append('\n');
            lines.add(s);
          } else {
            line.write(b);
          }
        }
      }
    }
  }
}
