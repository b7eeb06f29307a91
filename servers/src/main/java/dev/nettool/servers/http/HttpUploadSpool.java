package dev.nettool.servers.http;

import io.netty.buffer.ByteBuf;
import io.netty.channel.EventLoop;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Writes the files of one upload into the upload directory on the server's disk thread, so the event loop
 * never waits on the disk. When more than {@link #HIGH_WATER} bytes wait to be written, the connection
 * stops reading until the queue is down to {@link #LOW_WATER}: memory stays bounded however fast the
 * client sends. Called on the event loop; the disk work happens in order on the disk thread.
 */
final class HttpUploadSpool {
  static final long HIGH_WATER = 1 << 20;
  static final long LOW_WATER = 256 << 10;
  // Tries at a free name before giving up: name.txt, name-1.txt, ... name-999.txt.
  private static final int NAME_TRIES = 1000;

  private final Path dir;
  private final HttpExchange exchange;
  private final EventLoop loop;
  private final Executor disk;
  private final AtomicLong queued = new AtomicLong();
  private boolean paused;
  // Touched only on the disk thread.
  private final List<SpoolFile> files = new ArrayList<>();
  private IOException failure;
  private volatile boolean discarded;
  // Set on the event loop by finish or discard; the spool takes no work after it.
  private boolean ended;

  /** One file being written; its path is known once the disk thread has created it. */
  static final class SpoolFile {
    private volatile Path path;
    private FileChannel channel;

    Path path() {
      return path;
    }
  }

  /** A spool writing into {@code dir} on {@code disk}, which must run its tasks one at a time, in order. */
  HttpUploadSpool(Path dir, HttpExchange exchange, Executor disk) {
    this.dir = dir;
    this.exchange = exchange;
    this.loop = exchange.channel().eventLoop();
    this.disk = disk;
  }

  /** Creates a new file named {@code name}, or {@code name-N} when that is taken. */
  SpoolFile create(String name) {
    SpoolFile f = new SpoolFile();
    disk.execute(() -> {
      if (failure == null && !discarded) {
        try {
          f.channel = FileChannel.open(freePath(f, name), StandardOpenOption.WRITE);
        } catch (IOException e) {
          failure = e;
        }
      }
    });
    return f;
  }

  /** Appends {@code owned} to {@code f} and releases it. */
  void write(SpoolFile f, ByteBuf owned) {
    int n = owned.readableBytes();
    if (queued.addAndGet(n) > HIGH_WATER && !paused) {
      paused = true;
      exchange.pauseReading();
    }
    disk.execute(() -> {
      try {
        if (f.channel != null && failure == null && !discarded) {
          for (ByteBuffer b : owned.nioBuffers()) {
            while (b.hasRemaining()) {
              f.channel.write(b);
            }
          }
        }
      } catch (IOException e) {
        failure = e;
      } finally {
        owned.release();
        long left = queued.addAndGet(-n);
        if (left <= LOW_WATER && left + n > LOW_WATER) {
          loop.execute(this::caughtUp);
        }
      }
    });
  }

  /** Closes {@code f}: the part is complete. */
  void close(SpoolFile f) {
    disk.execute(() -> closeQuietly(f));
  }

  /** Once everything before is on disk, calls {@code done} on the event loop with the first failure or null. */
  void finish(Consumer<IOException> done) {
    if (ended) {
      return;
    }
    ended = true;
    disk.execute(() -> {
      files.forEach(this::closeQuietly);
      IOException e = failure;
      loop.execute(() -> done.accept(e));
    });
  }

  /**
   * Drops the upload: what was written is deleted, what waits is released unwritten. Reading stays
   * paused if it was: an upload is only dropped on the way to closing the connection.
   */
  void discard() {
    if (ended) {
      return;
    }
    ended = true;
    discarded = true;
    disk.execute(() -> {
      for (SpoolFile f : files) {
        closeQuietly(f);
        try {
          Files.deleteIfExists(f.path);
        } catch (IOException e) {
          // Nothing more to do about a file that will not go; the upload already failed.
        }
      }
    });
  }

  private void caughtUp() {
    if (paused && queued.get() <= LOW_WATER && !discarded) {
      paused = false;
      exchange.resumeReading();
    }
  }

  private Path freePath(SpoolFile f, String name) throws IOException {
    int dot = name.lastIndexOf('.');
    String stem = dot > 0 ? name.substring(0, dot) : name;
    String ext = dot > 0 ? name.substring(dot) : "";
    for (int i = 0; i < NAME_TRIES; i++) {
      Path p = dir.resolve(i == 0 ? name : stem + "-" + i + ext);
      try {
        Files.createFile(p);
        f.path = p;
        files.add(f);
        return p;
      } catch (FileAlreadyExistsException e) {
        // try the next name
      }
    }
    throw new IOException("no free name for " + name + " in " + dir);
  }

  private void closeQuietly(SpoolFile f) {
    if (f.channel != null) {
      try {
        f.channel.close();
      } catch (IOException e) {
        failure = failure == null ? e : failure;
      }
      f.channel = null;
    }
  }
}
