package dev.nettool.clients.tcp;

import dev.nettool.protocols.address.Endpoint;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.socket.DuplexChannel;
import io.netty.handler.ssl.SslHandler;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;

/**
 * One open connection: send bytes, a stream or a file, finish sending (FIN), close. {@link #closed()} tells
 * how it ended, once everything received has been written to the output.
 */
public final class TcpClientConnection {
  private final Channel channel;
  private final Endpoint remote;
  private final CompletableFuture<TcpClientResult> closed;

  TcpClientConnection(Channel channel, Endpoint remote, TcpClientState state, TcpClientOutputPump pump) {
    this.channel = channel;
    this.remote = remote;
    this.closed = state.whenClosed().thenCompose(result -> pump.end().thenApply(done -> {
      String failure = pump.failure();
      return failure == null || result.error() != null ? result
          : new TcpClientResult(result.bytesIn(), result.bytesOut(), result.peerEnded(), result.expectationMet(),
              failure);
    }));
  }

  /** Where the connection goes: the peer's address, or the socket path. */
  public Endpoint remote() {
    return remote;
  }

  /** Sends {@code bytes}; completes once they are written to the socket. */
  public CompletableFuture<Void> send(byte[] bytes) {
    return toFuture(channel.writeAndFlush(Unpooled.wrappedBuffer(bytes)));
  }

  /**
   * Sends everything {@code in} holds, read on its own thread with back-pressure, then finishes (FIN); the
   * future completes when the stream has been sent.
   */
  public CompletableFuture<Void> sendAll(InputStream in) {
    return TcpClientInputPump.start(channel, () -> in, this::finish);
  }

  /** Sends a file the same way; it is opened and read on the input's own thread. */
  public CompletableFuture<Void> sendFile(Path file) {
    return TcpClientInputPump.start(channel, () -> Files.newInputStream(file), this::finish);
  }

  /**
   * Finishes sending once everything written so far has gone out: a FIN, like {@code socket.end()} or
   * {@code nc -N} at stdin's end; over TLS 1.3 a close_notify first. Reading goes on until the peer closes.
   */
  public void finish() {
    channel.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener((ChannelFutureListener) f -> {
      if (!f.isSuccess() || !(channel instanceof DuplexChannel duplex) || duplex.isOutputShutdown()) {
        return;
      }
      SslHandler tls = channel.pipeline().get(SslHandler.class);
      if (tls == null) {
        duplex.shutdownOutput();
      } else if ("TLSv1.3".equals(tls.engine().getSession().getProtocol())) {
        // TLS 1.3 can half-close: close_notify ends our sending and the peer may still answer.
        tls.closeOutbound().addListener((ChannelFutureListener) sent -> duplex.shutdownOutput());
      }
      // TLS 1.2 has no half-close (close_notify ends both directions): keep reading until the peer closes.
    });
  }

  /** Closes the connection at once. */
  public void close() {
    channel.close();
  }

  /** Completes when the connection is closed and all it received has been written to the output. */
  public CompletableFuture<TcpClientResult> closed() {
    return closed;
  }

  private static CompletableFuture<Void> toFuture(ChannelFuture f) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    f.addListener((ChannelFutureListener) r -> {
      if (r.isSuccess()) {
        done.complete(null);
      } else {
        done.completeExceptionally(r.cause());
      }
    });
    return done;
  }
}
