package dev.nettool.clients.ws;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;

/**
 * Sends a stream (stdin) to a connection on its own thread: each line as a text message, or (binary) each read
 * of up to 64 KiB as a binary message. While the connection is not writable the thread waits for its last write:
 * that is how the stream feels the server's back-pressure.
 */
final class WsClientInputPump {
  static final int CHUNK = 64 * 1024;

  private final Channel channel;
  private final InputStream in;
  private final boolean binary;
  private final BooleanSupplier open;
  private final CompletableFuture<Void> done = new CompletableFuture<>();

  private WsClientInputPump(Channel channel, InputStream in, boolean binary, BooleanSupplier open) {
    this.channel = channel;
    this.in = in;
    this.binary = binary;
    this.open = open;
  }

  /**
   * Starts pumping; {@code open} says whether messages may still be sent (no close frame yet). The future
   * completes with true at the stream's end, false when the connection stopped taking messages first.
   */
  static CompletableFuture<Void> start(Channel channel, InputStream in, boolean binary, BooleanSupplier open) {
    WsClientInputPump pump = new WsClientInputPump(channel, in, binary, open);
    Thread t = new Thread(pump::run, "nettool-input");
    t.setDaemon(true);
    t.start();
    return pump.done;
  }

  private void run() {
    try {
      if (binary) {
        pumpChunks();
      } else {
        pumpLines();
      }
      done.complete(null);
    } catch (IOException e) {
      String detail = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      channel.pipeline().fireExceptionCaught(new IOException("cannot read input: " + detail, e));
      done.completeExceptionally(e);
    }
  }

  private void pumpLines() throws IOException {
    BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    String line;
    while (open.getAsBoolean() && (line = reader.readLine()) != null) {
      if (!send(new TextWebSocketFrame(line))) {
        return;
      }
    }
  }

  private void pumpChunks() throws IOException {
    while (open.getAsBoolean()) {
      ByteBuf buf = channel.alloc().buffer(CHUNK);
      int n;
      try {
        n = buf.writeBytes(in, CHUNK);
      } catch (IOException | RuntimeException e) {
        buf.release();
        throw e;
      }
      if (n < 0) {
        buf.release();
        return;
      }
      if (n > 0 && !send(new BinaryWebSocketFrame(buf))) {
        return;
      }
      if (n == 0) {
        buf.release();
      }
    }
  }

  // Blocking is fine here: this is the input's own thread, never an event loop.
  private boolean send(WebSocketFrame frame) {
    if (!open.getAsBoolean()) {
      frame.release();
      return false;
    }
    ChannelFuture write = channel.writeAndFlush(frame);
    if (!channel.isWritable()) {
      write.awaitUninterruptibly();
    }
    return !write.isDone() || write.isSuccess();
  }
}
