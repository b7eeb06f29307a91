package dev.nettool.cli;

import java.util.concurrent.CompletableFuture;
import sun.misc.Signal;

/**
 * Turns SIGINT and SIGTERM into a future instead of an abrupt exit, so a server can drain, print
 * its summary and exit 0, and a client can exit 130. A second signal exits at once.
 */
final class Signals {
  private Signals() {}

  static CompletableFuture<String> install() {
    CompletableFuture<String> stop = new CompletableFuture<>();
    for (String name : new String[] {"INT", "TERM"}) {
      try {
        Signal.handle(new Signal(name), s -> {
          if (!stop.complete("SIG" + s.getName())) {
            Runtime.getRuntime().halt(128 + s.getNumber());
          }
        });
      } catch (IllegalArgumentException e) {
        // the signal is not available on this platform or already taken by the JVM
      }
    }
    return stop;
  }
}
