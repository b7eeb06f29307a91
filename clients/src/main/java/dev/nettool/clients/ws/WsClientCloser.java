package dev.nettool.clients.ws;

import io.netty.channel.Channel;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Starts the close handshake once: sends our close frame after everything written before it, and drops the
 * connection if the server has not answered within the close timeout. The answer itself is the
 * {@link WsClientCloseHandler}'s.
 */
final class WsClientCloser {
  private final WsClientState state;
  private final Duration timeout;

  WsClientCloser(WsClientState state, Duration timeout) {
    this.state = state;
    this.timeout = timeout;
  }

  /**
   * Sends a close frame with {@code code} and {@code reason}, unless one was started already. On the event loop it
   * is written at once, ahead of writes other threads have queued; callers off the loop queue the call instead.
   */
  void start(Channel ch, int code, String reason) {
    if (!ch.isActive() || !state.closeStarted.compareAndSet(false, true)) {
      return;
    }
    ch.writeAndFlush(new CloseWebSocketFrame(code, reason));
    ch.eventLoop().schedule(() -> {
      ch.close();
    }, timeout.toNanos(), TimeUnit.NANOSECONDS);
  }
}
