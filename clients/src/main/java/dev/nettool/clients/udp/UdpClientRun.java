package dev.nettool.clients.udp;

import dev.nettool.protocols.ExitCode;
import dev.nettool.protocols.NettoolException;
import dev.nettool.protocols.address.Endpoint;
import java.io.IOException;
import java.net.PortUnreachableException;
import java.util.concurrent.CompletableFuture;

/** The outcome of one client run: an exit code, or the failure that ended it, mapped to an exit code. */
final class UdpClientRun {
  private final Endpoint.Inet target;
  private final CompletableFuture<Integer> outcome = new CompletableFuture<>();

  UdpClientRun(Endpoint.Inet target) {
    this.target = target;
  }

  CompletableFuture<Integer> outcome() {
    return outcome;
  }

  boolean isOver() {
    return outcome.isDone();
  }

  /** Ends the run with {@code code}, unless it has already ended. */
  void end(int code) {
    outcome.complete(code);
  }

  /** Ends the run with a failure: an ICMP port unreachable means exit 3, anything else exit 1. */
  void fail(Throwable cause) {
    outcome.completeExceptionally(describe(cause));
  }

  NettoolException describe(Throwable cause) {
    if (cause instanceof NettoolException n) {
      return n;
    }
    // The kernel's ECONNREFUSED on a connected datagram socket; transports that do not translate it
    // into PortUnreachableException still say "Connection refused".
    if (cause instanceof PortUnreachableException
        || (cause instanceof IOException && String.valueOf(cause.getMessage()).contains("Connection refused"))) {
      return new NettoolException(ExitCode.CONNECT, "cannot reach " + target.display(), "port unreachable", cause);
    }
    String detail = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    return new NettoolException(ExitCode.FAILURE, "udp " + target.display(), detail, cause);
  }
}
