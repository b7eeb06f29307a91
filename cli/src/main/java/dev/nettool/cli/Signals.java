package dev.nettool.cli;

import java.util.concurrent.CompletableFuture;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Turns SIGINT and SIGTERM into a future instead of an abrupt exit, so a server can drain, print
 * its summary and exit 0, and a client can exit 130. A second signal exits at once.
 */
final class Signals {
  private Signals() {}

  static CompletableFuture<String> install() {
    CompletableFuture<String> stop = new CompletableFuture<>();
    // A named handler, not a lambda: linking a lambda costs a short command's start a few ms.
    SignalHandler handler = new Stop(stop);
    for (String name : new String[] {"INT", "TERM"}) {
      try {
        Signal.handle(new Signal(name), handler);
      } catch (IllegalArgumentException e) {
        // the signal is not available on this platform or already taken by the JVM
      }
    }
    return stop;
  }

  private static final class Stop implements SignalHandler {
    private final CompletableFuture<String> stop;

    Stop(CompletableFuture<String> stop) {
      this.stop = stop;
    }

    @Override
    public void handle(Signal s) {
      if (!stop.complete("SIG" + s.getName())) {
        Runtime.getRuntime().halt(128 + s.getNumber());
      }
    }
  }
}
