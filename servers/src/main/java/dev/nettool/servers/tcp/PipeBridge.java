package dev.nettool.servers.tcp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.socket.DuplexChannel;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Bridges one connection at a time to the process's stdin and stdout, like {@code nc -l}. Stdin is
 * read on its own thread and stdout written on another, so neither ever blocks an event loop. At
 * stdin's end our side of the connection finishes (FIN) and reading goes on until the peer closes.
 */
final class PipeBridge {
  private static final int HIGH_WATER = 1 << 20;
  private static final int LOW_WATER = 256 << 10;
  private final InputStream in;
  private final OutputStream out;
  private final boolean keepOpen;
  private final CompletableFuture<Void> done;
  private final ExecutorService writer = Executors.newSingleThreadExecutor(r -> daemon(r, "nettool-stdout"));
  private final AtomicLong pending = new AtomicLong();
  private final Object lock = new Object();
  private Channel current;
  private boolean stdinEnded;
  private boolean readerStarted;

  PipeBridge(TcpMode.Pipe mode, CompletableFuture<Void> done) {
    this.in = mode.in();
    this.out = mode.out();
    this.keepOpen = mode.keepOpen();
    this.done = done;
  }

  /** Takes a new connection, or refuses it (returns false) while another is bridged. */
  boolean attach(Channel ch) {
    synchronized (lock) {
      if (current != null) {
        return false;
      }
      current = ch;
      if (!readerStarted) {
        readerStarted = true;
        Thread t = daemon(this::pumpStdin, "nettool-stdin");
        t.start();
      }
      if (stdinEnded) {
        shutdownOutput(ch);
      }
      lock.notifyAll();
      return true;
    }
  }

  void detach(Channel ch) {
    synchronized (lock) {
      if (current == ch) {
        current = null;
        if (!keepOpen) {
          writer.execute(() -> done.complete(null));
        }
      }
    }
  }

  /** Hands bytes to the stdout thread; pauses reading while too much is waiting there. */
  void toStdout(Channel ch, ByteBuf buf) {
    int n = buf.readableBytes();
    if (pending.addAndGet(n) > HIGH_WATER) {
      ch.config().setAutoRead(false);
    }
    writer.execute(() -> {
      try {
        buf.readBytes(out, n);
        out.flush();
      } catch (IOException e) {
        ch.close();
      } finally {
        buf.release();
        if (pending.addAndGet(-n) < LOW_WATER && !ch.config().isAutoRead()) {
          ch.eventLoop().execute(() -> ch.config().setAutoRead(true));
        }
      }
    });
  }

  private void pumpStdin() {
    byte[] chunk = new byte[64 * 1024];
    try {
      int n;
      while ((n = in.read(chunk)) >= 0) {
        if (n == 0) {
          continue;
        }
        Channel ch = awaitConnection();
        ChannelFuture f = ch.writeAndFlush(Unpooled.copiedBuffer(chunk, 0, n));
        if (!ch.isWritable()) {
          // Blocking here is fine: this is the stdin thread, and it is how stdin feels back-pressure.
          f.awaitUninterruptibly(30, TimeUnit.SECONDS);
        }
      }
    } catch (IOException | InterruptedException e) {
      // stdin is gone; treat as its end
    }
    synchronized (lock) {
      stdinEnded = true;
      if (current != null) {
        shutdownOutput(current);
      }
    }
  }

  private Channel awaitConnection() throws InterruptedException {
    synchronized (lock) {
      while (current == null) {
        lock.wait();
      }
      return current;
    }
  }

  private static void shutdownOutput(Channel ch) {
    ch.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(f -> {
      if (ch instanceof DuplexChannel d) {
        d.shutdownOutput().addListener(s -> {
          if (d.isInputShutdown()) {
            ch.close();
          }
        });
      }
    });
  }

  void close() {
    writer.shutdown();
    try {
      writer.awaitTermination(2, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static Thread daemon(Runnable r, String name) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    return t;
  }
}
