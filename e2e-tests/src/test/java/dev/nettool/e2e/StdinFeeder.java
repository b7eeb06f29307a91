package dev.nettool.e2e;

import java.io.IOException;
import java.io.OutputStream;

/**
 * A child's stdin: either all of some bytes, written on their own thread (so a child that echoes
 * while it reads cannot deadlock the test) and then closed, or left open for the test to write to.
 */
final class StdinFeeder {
  private final OutputStream stdin;

  private StdinFeeder(OutputStream stdin) {
    this.stdin = stdin;
  }

  /** Feeds {@code bytes} then closes stdin; {@code null} keeps it open for {@link #write}. */
  static StdinFeeder feed(Process process, byte[] bytes) {
    OutputStream os = process.getOutputStream();
    if (bytes != null) {
      Thread t = new Thread(() -> {
        try (os) {
          os.write(bytes);
        } catch (IOException e) {
          // the child went away before reading everything: its exit code and output tell the test
        }
      }, "stdin-" + process.pid());
      t.setDaemon(true);
      t.start();
    }
    return new StdinFeeder(os);
  }

  void write(byte[] bytes) throws IOException {
    stdin.write(bytes);
    stdin.flush();
  }

  void close() throws IOException {
    stdin.close();
  }
}
