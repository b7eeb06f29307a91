package dev.nettool.cli;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.util.concurrent.CompletableFuture;

/** The process entry point: the only place that calls {@code System.exit}. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), false);
    PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), true);
    CompletableFuture<String> stop = Signals.install();
    CliContext ctx = new CliContext(System.in, out, err, System.getenv(), stop, System.console() != null);
    int code = Nettool.run(ctx, args);
    out.flush();
    err.flush();
    System.exit(code);
  }
}
