package dev.nettool.clients.wait;

import java.time.Duration;
import java.util.List;

/**
 * How a wait ended.
 *
 * @param pending the targets that never came up, as displayed ({@code 127.0.0.1:80}, {@code http://h/}),
 *     socket targets first, each group in the order given; empty when all are up
 * @param took how long the whole wait took
 */
public record WaitForOutcome(List<String> pending, Duration took) {
  public WaitForOutcome {
    pending = List.copyOf(pending);
  }

  /** Whether every target came up before the deadline. */
  public boolean allReady() {
    return pending.isEmpty();
  }
}
