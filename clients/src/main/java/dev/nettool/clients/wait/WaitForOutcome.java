package dev.nettool.clients.wait;

import dev.nettool.protocols.address.Endpoint;
import java.time.Duration;
import java.util.List;

/**
 * How a wait ended.
 *
 * @param pending the targets that never accepted a connection, in the order given; empty when all are up
 * @param took how long the whole wait took
 */
public record WaitForOutcome(List<Endpoint> pending, Duration took) {
  public WaitForOutcome {
    pending = List.copyOf(pending);
  }

  /** Whether every target accepted a connection before the deadline. */
  public boolean allReady() {
    return pending.isEmpty();
  }
}
