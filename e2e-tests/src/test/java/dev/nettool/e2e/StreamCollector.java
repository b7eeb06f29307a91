package dev.nettool.e2e;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Drains one output stream of a child process on its own thread: counts and hashes every byte, keeps
 * the bytes up to a limit, and hands out complete lines through a queue so tests can wait on them.
 */
final class StreamCollector {
  /** Bytes kept for {@link #bytes()}; past this only the count and the SHA-256 are known. */
  static final int KEEP_LIMIT = 16 << 20;
  /** A line longer than this (binary payload) is cut, so a payload stream cannot fill the memory. */
  private static final int MAX_LINE = 64 << 10;

  private final String name;
  private final MessageDigest sha256;
  private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
  private final ByteArrayOutputStream line = new ByteArrayOutputStream();
  private final BlockingQueue<Optional<String>> lines = new LinkedBlockingQueue<>();
  private final List<String> seen = new ArrayList<>();
  private final CountDownLatch ended = new CountDownLatch(1);
  private long count;
  private boolean overflowed;
  private String digest;

  private StreamCollector(String name) {
    this.name = name;
    try {
      this.sha256 = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Starts draining {@code in} on a daemon thread called {@code name}. */
  static StreamCollector drain(InputStream in, String name) {
    StreamCollector c = new StreamCollector(name);
    Thread t = new Thread(() -> c.run(in), name);
    t.setDaemon(true);
    t.start();
    return c;
  }

  private void run(InputStream in) {
    byte[] buf = new byte[64 << 10];
    try (in) {
      int n;
      while ((n = in.read(buf)) > 0) {
        accept(buf, n);
      }
    } catch (IOException e) {
      // the process was killed: what was read so far stands
    } finally {
      finish();
    }
  }

  private synchronized void accept(byte[] buf, int n) {
    sha256.update(buf, 0, n);
    count += n;
    if (!overflowed && count <= KEEP_LIMIT) {
      kept.write(buf, 0, n);
    } else if (!overflowed) {
      overflowed = true;
      kept.reset();
    }
    for (int i = 0; i < n; i++) {
      if (buf[i] == '\n') {
        emitLine();
      } else if (line.size() < MAX_LINE) {
        line.write(buf[i]);
      }
    }
  }

  private synchronized void finish() {
    if (line.size() > 0) {
      emitLine();
    }
    digest = HexFormat.of().formatHex(sha256.digest());
    lines.add(Optional.empty());
    ended.countDown();
  }

  private void emitLine() {
    String s = line.toString(StandardCharsets.UTF_8);
    line.reset();
    if (s.endsWith("\r")) {
      s = s.substring(0, s.length() - 1);
    }
    seen.add(s);
    lines.add(Optional.of(s));
  }

  /** The next line not yet taken, or empty at the end of the stream; fails after {@code timeout}. */
  Optional<String> nextLine(Duration timeout) throws InterruptedException {
    Optional<String> next = lines.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
    if (next == null) {
      throw new AssertionError("no line on " + name + " within " + timeout + "; seen so far:\n" + text());
    }
    if (next.isEmpty()) {
      lines.add(next); // the end stays visible to the next caller
    }
    return next;
  }

  /** Waits until the stream has ended (the process closed it or died). */
  boolean awaitEnd(Duration timeout) throws InterruptedException {
    return ended.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
  }

  /** Every complete line seen so far, taken or not. */
  synchronized List<String> lines() {
    return List.copyOf(seen);
  }

  /** Everything seen so far as text (for failure messages). */
  synchronized String text() {
    return overflowed ? "(" + count + " bytes, too many to keep)" : kept.toString(StandardCharsets.UTF_8);
  }

  /** Every byte of the stream; only after it ended, and only when it stayed under {@link #KEEP_LIMIT}. */
  synchronized byte[] bytes() {
    if (overflowed) {
      throw new IllegalStateException(name + " was " + count + " bytes; only its SHA-256 was kept");
    }
    return kept.toByteArray();
  }

  /** How many bytes came. */
  synchronized long count() {
    return count;
  }

  /** The SHA-256 of the whole stream in hex; only after it ended. */
  synchronized String sha256() {
    if (digest == null) {
      throw new IllegalStateException(name + " has not ended yet");
    }
    return digest;
  }
}
