package dev.nettool.clients.tcp;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Writes what a connection receives to a {@link TcpClientOutput} on its own thread, in order. The queue is
 * bounded in bytes: past the high-water mark the connection stops reading (auto-read off) until the output
 * has caught up to the low-water mark, so a slow stdout slows the peer down instead of filling memory. The HTTP
 * client writes response bodies through it too.
 */
public final class TcpClientOutputPump {
  static final int HIGH_WATER = 1 << 20;
  static final int LOW_WATER = 256 << 10;

  private final TcpClientOutput output;
  private final ExecutorService writer;
  private final AtomicLong pending = new AtomicLong();
  private final CompletableFuture<Void> drained = new CompletableFuture<>();
  // Written only on the event loop; read by the writer thread to know whether reading must be resumed.
  private volatile boolean paused;
  private volatile String failure;

  public TcpClientOutputPump(TcpClientOutput output) {
    this.output = output;
    this.writer = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "nettool-output");
      t.setDaemon(true);
      return t;
    });
  }

  /** Queues a received buffer, taking ownership of it. Called on the channel's event loop. */
  public void offer(Channel ch, ByteBuf buf) {
    int n = buf.readableBytes();
    if (pending.addAndGet(n) > HIGH_WATER && !paused) {
      paused = true;
      ch.config().setAutoRead(false);
      // The writer may have drained everything before it could see the flag; then nobody else would resume.
      resumeIfCaughtUp(ch);
    }
    try {
      writer.execute(() -> write(ch, buf, n));
    } catch (RejectedExecutionException e) {
      // Ended already (the run is over): nobody will see these bytes.
      pending.addAndGet(-n);
      buf.release();
    }
  }

  private void write(Channel ch, ByteBuf buf, int n) {
    try {
      if (failure == null) {
        output.write(buf);
      }
    } catch (IOException | RuntimeException e) {
      String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      failure = "cannot write received data: " + why;
      ch.close();
    } finally {
      buf.release();
    }
    if (pending.addAndGet(-n) < LOW_WATER && paused) {
      ch.eventLoop().execute(() -> resumeIfCaughtUp(ch));
    }
  }

  private void resumeIfCaughtUp(Channel ch) {
    if (paused && pending.get() < LOW_WATER) {
      paused = false;
      ch.config().setAutoRead(true);
    }
  }

  /** Completes once everything queued so far is written; nothing may be offered after. */
  public synchronized CompletableFuture<Void> end() {
    if (!writer.isShutdown()) {
      writer.execute(() -> drained.complete(null));
      writer.shutdown();
    }
    return drained;
  }

  /** Why writing failed, or {@code null}. */
  public String failure() {
    return failure;
  }
}
