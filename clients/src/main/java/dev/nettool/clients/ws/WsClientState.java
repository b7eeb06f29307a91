package dev.nettool.clients.ws;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * What the handlers of one connection learn about it. The fields are written only on the connection's event
 * loop; results cross threads through the futures. {@code closeStarted} is shared with the threads that send.
 */
final class WsClientState {
  private final CompletableFuture<String> upgraded = new CompletableFuture<>();
  private final CompletableFuture<WsClientResult> closed = new CompletableFuture<>();
  long messagesIn;
  long messagesOut;
  /** Set by whoever starts the close handshake first, on any thread: only one close frame is ever written. */
  final AtomicBoolean closeStarted = new AtomicBoolean();
  /** Set when our close frame passes the send guard: frames after it are dropped. */
  volatile boolean closeSent;
  Integer closeCode;
  String closeReason = "";
  boolean serverClosed;
  boolean expectationMet;
  String error;
  boolean tlsFailed;

  /** Records the first error only: later ones are usually consequences of it. */
  void fail(String detail, boolean tls) {
    if (error == null) {
      error = detail;
      tlsFailed = tls;
    }
  }

  /** Completes with the negotiated subprotocol ({@code null} for none) once the server switched protocols. */
  CompletableFuture<String> upgraded() {
    return upgraded;
  }

  /** Called once the connection is closed. */
  void closed() {
    closed.complete(new WsClientResult(messagesIn, messagesOut, closeCode, closeReason, serverClosed,
        expectationMet, error, tlsFailed));
  }

  CompletableFuture<WsClientResult> whenClosed() {
    return closed;
  }
}
