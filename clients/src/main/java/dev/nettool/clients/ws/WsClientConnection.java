package dev.nettool.clients.ws;

import dev.nettool.clients.tcp.TcpClientOutputPump;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.io.InputStream;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * One upgraded connection: send messages, a stream of them, pings; start the close handshake. {@link #closed()}
 * tells how it ended, once everything received has been written to the output.
 */
public final class WsClientConnection {
  private final Channel channel;
  private final WsClientState state;
  private final WsClientCloser closer;
  private final String subprotocol;
  private final CompletableFuture<WsClientResult> closed;
  // Set by any thread that starts the close: from then on nothing more is sent.
  private volatile boolean closing;

  WsClientConnection(Channel channel, WsClientState state, WsClientCloser closer, String subprotocol,
      TcpClientOutputPump pump) {
    this.channel = channel;
    this.state = state;
    this.closer = closer;
    this.subprotocol = subprotocol;
    this.closed = state.whenClosed().thenCompose(result -> pump.end().thenApply(done -> {
      String failure = pump.failure();
      return failure == null || result.error() != null ? result
          : new WsClientResult(result.messagesIn(), result.messagesOut(), result.closeCode(), result.closeReason(),
              result.serverClosed(), result.expectationMet(), failure, false);
    }));
  }

  /** The subprotocol the server chose, or {@code null}. */
  public String subprotocol() {
    return subprotocol;
  }

  /** Sends one text message. */
  public void sendText(String text) {
    send(new TextWebSocketFrame(text));
  }

  /** Sends one binary message. */
  public void sendBinary(byte[] bytes) {
    send(new BinaryWebSocketFrame(Unpooled.wrappedBuffer(bytes)));
  }

  /** Sends a ping; its payload may hold at most 125 bytes. */
  public void ping(byte[] payload) {
    if (payload.length > 125) {
      throw new IllegalArgumentException("a ping carries at most 125 bytes, not " + payload.length);
    }
    send(new PingWebSocketFrame(Unpooled.wrappedBuffer(payload)));
  }

  private void send(WebSocketFrame frame) {
    if (closing()) {
      frame.release();
      return;
    }
    channel.writeAndFlush(frame).addListener(ChannelFutureListener.FIRE_EXCEPTION_ON_FAILURE);
  }

  /**
   * Sends every line of {@code in} as a text message, or every read of it as a binary message, on the input's
   * own thread; the future completes at the stream's end, or when the connection stopped taking messages.
   */
  public CompletableFuture<Void> sendAll(InputStream in, boolean binary) {
    return WsClientInputPump.start(channel, in, binary, () -> !closing());
  }

  /** Starts the close handshake with {@code code} and {@code reason}, after what was sent so far. */
  public void close(int code, String reason) {
    closing = true;
    // Queued even on the event loop: a write made there at once would overtake messages still queued.
    channel.eventLoop().execute(() -> closer.start(channel, code, reason));
  }

  /** Starts the close handshake after {@code wait}, unless it has started by then. */
  public void closeAfter(Duration wait, int code, String reason) {
    if (wait.isZero()) {
      close(code, reason);
    } else {
      channel.eventLoop().schedule(() -> close(code, reason), wait.toNanos(), TimeUnit.NANOSECONDS);
    }
  }

  /** Closes the connection at once, without a close frame. */
  public void abort() {
    closing = true;
    channel.close();
  }

  /** Whether the close handshake has started, from either side. */
  public boolean closing() {
    return closing || state.closeStarted.get() || !channel.isActive();
  }

  /** Completes when the connection is closed and all it received has been written to the output. */
  public CompletableFuture<WsClientResult> closed() {
    return closed;
  }
}
