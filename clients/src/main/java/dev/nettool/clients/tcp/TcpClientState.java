package dev.nettool.clients.tcp;

import java.util.concurrent.CompletableFuture;

/**
 * What the handlers of one connection learn about it, handed over as a {@link TcpClientResult} once it is
 * closed. The fields are plain: only the connection's event loop touches them; the result crosses threads
 * through the future.
 */
final class TcpClientState {
  private final CompletableFuture<TcpClientResult> closed = new CompletableFuture<>();
  long bytesIn;
  long bytesOut;
  boolean peerEnded;
  boolean expectationMet;
  String error;
  boolean tlsFailed;

  /** Records the first error only: later ones are usually consequences of it. */
  void fail(String detail) {
    if (error == null) {
      error = detail;
    }
  }

  /** Called once the connection is closed and its close event published. */
  void closed() {
    closed.complete(new TcpClientResult(bytesIn, bytesOut, peerEnded, expectationMet, error, tlsFailed));
  }

  /** Completes with the counts and outcome once the connection is closed. */
  CompletableFuture<TcpClientResult> whenClosed() {
    return closed;
  }
}
