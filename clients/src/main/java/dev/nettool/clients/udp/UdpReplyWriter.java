package dev.nettool.clients.udp;

import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Writes replies to stdout, each ending with a newline (added when the reply has none), on its own
 * thread so that a slow terminal or pipe never blocks the event loop.
 */
final class UdpReplyWriter implements AutoCloseable {
  private final OutputStream out;
  private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "nettool-udp-stdout");
    t.setDaemon(true);
    return t;
  });

  UdpReplyWriter(OutputStream out) {
    this.out = out;
  }

  void write(byte[] payload) {
    try {
      thread.execute(() -> print(payload));
    } catch (RejectedExecutionException e) {
      // a reply that arrives while the client closes is not shown
    }
  }

  private void print(byte[] payload) {
    try {
      out.write(payload);
      if (payload.length == 0 || payload[payload.length - 1] != '\n') {
        out.write('\n');
      }
      out.flush();
    } catch (IOException e) {
      // stdout is gone (a closed pipe): there is no one left to show replies to
    }
  }

  /** Lets the replies already received reach stdout, then stops the thread. */
  @Override
  public void close() {
    thread.shutdown();
    try {
      thread.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
