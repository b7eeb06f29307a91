package dev.nettool.clients.tcp;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.CompletableFuture;

/**
 * Sends a stream (stdin, a file) to a connection on its own thread in 64 KiB chunks, then finishes the
 * connection's sending side (FIN), as {@code nc -N} does at stdin's end. While the connection is not
 * writable the thread waits for its last write to go out: that is how the stream feels the peer's
 * back-pressure, and why memory stays bounded however fast the stream is.
 */
final class TcpClientInputPump {
  static final int CHUNK = 64 * 1024;

  /** Opens the stream; called on the pump's thread, so that opening a file blocks nobody else. */
  interface Source {
    InputStream open() throws IOException;
  }

  private final Channel channel;
  private final Source source;
  private final Runnable finish;
  private final CompletableFuture<Void> done = new CompletableFuture<>();

  private TcpClientInputPump(Channel channel, Source source, Runnable finish) {
    this.channel = channel;
    this.source = source;
    this.finish = finish;
  }

  /**
   * Starts pumping {@code source} into {@code channel}; {@code finish} runs at the stream's end. The future
   * completes when the stream has been sent (or the connection went away first).
   */
  static CompletableFuture<Void> start(Channel channel, Source source, Runnable finish) {
    TcpClientInputPump pump = new TcpClientInputPump(channel, source, finish);
    Thread t = new Thread(pump::run, "nettool-input");
    t.setDaemon(true);
    t.start();
    return pump.done;
  }

  private void run() {
    try (InputStream in = source.open()) {
      if (pump(in)) {
        finish.run();
      }
      done.complete(null);
    } catch (IOException e) {
      String detail = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      channel.pipeline().fireExceptionCaught(new IOException("cannot read input: " + detail, e));
      done.completeExceptionally(e);
    }
  }

  /** Returns true at the stream's end, false when the connection closed first. */
  private boolean pump(InputStream in) throws IOException {
    while (channel.isActive()) {
      ByteBuf buf = channel.alloc().ioBuffer(CHUNK);
      int n;
      try {
        n = buf.writeBytes(in, CHUNK);
      } catch (IOException | RuntimeException e) {
        buf.release();
        throw e;
      }
      if (n <= 0) {
        buf.release();
        if (n < 0) {
          return true;
        }
        continue;
      }
      ChannelFuture write = channel.writeAndFlush(buf);
      if (!channel.isWritable()) {
        // Blocking is fine here: this is the input's own thread, never an event loop.
        write.awaitUninterruptibly();
      }
      if (write.isDone() && !write.isSuccess()) {
        return false;
      }
    }
    return false;
  }
}
