package dev.nettool.protocols.server;

import dev.nettool.protocols.address.Endpoint;
import dev.nettool.protocols.event.Event;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/** A server of any protocol: bind, say where, run until its goal or a stop, then drain and close. */
public interface NetServer {

  /**
   * Binds and starts serving; returns the bound address (the real port when 0 was asked).
   *
   * @throws dev.nettool.protocols.NettoolException with exit code 6 when it cannot listen
   */
  Endpoint start();

  /** The ready event for the bound address, valid after {@link #start()}. */
  Event listeningEvent();

  /** Completes when the server reached its own end ({@code --count}, pipe mode finished). */
  CompletableFuture<Void> done();

  /** Stops accepting, lets open exchanges finish within {@code drain}, publishes the summary, releases all. */
  void close(Duration drain);
}
