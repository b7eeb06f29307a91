package dev.nettool.clients.wait;

import dev.nettool.protocols.address.Endpoint;
import dev.nettool.protocols.event.Event;
import dev.nettool.protocols.event.Verbosity;
import dev.nettool.protocols.unit.Durations;
import java.time.Duration;

/**
 * Factories for the events of {@code wait-for}: {@code wait} (an attempt failed) and {@code ready}. An HTTP
 * target is shown as its URL, with the host and port it connects to.
 */
public final class WaitEvents {
  private WaitEvents() {}

  /** An attempt failed and another will follow: {@code wait 127.0.0.1:8080 attempt 3: connection refused}. */
  public static Event waiting(Endpoint target, int attempt, String reason, Duration elapsed) {
    return waiting(target, target.display(), attempt, reason, elapsed);
  }

  /** As {@link #waiting(Endpoint, int, String, Duration)} for a target shown as {@code shown} (a URL). */
  public static Event waiting(Endpoint target, String shown, int attempt, String reason, Duration elapsed) {
    Event.Builder b = Event.builder("wait", Verbosity.VERBOSE);
    targetFields(b, target, shown);
    b.field("attempt", attempt).field("reason", reason).field("ms", millis(elapsed));
    return b.text("wait " + shown + " attempt " + attempt + ": " + reason);
  }

  /** A target accepted a connection: {@code ready 127.0.0.1:8080 after 1.20s}. */
  public static Event ready(Endpoint target, int attempts, Duration took) {
    return ready(target, target.display(), attempts, took);
  }

  /** As {@link #ready(Endpoint, int, Duration)} for a target shown as {@code shown} (a URL). */
  public static Event ready(Endpoint target, String shown, int attempts, Duration took) {
    Event.Builder b = Event.builder("ready", Verbosity.NORMAL);
    targetFields(b, target, shown);
    b.field("attempts", attempts).field("ms", millis(took));
    return b.text("ready " + shown + " after " + Durations.format(took));
  }

  private static void targetFields(Event.Builder b, Endpoint target, String shown) {
    b.field("target", shown);
    if (target instanceof Endpoint.Inet inet) {
      b.field("host", inet.host()).field("port", inet.port());
    } else if (target instanceof Endpoint.Unix unix) {
      b.field("path", unix.path().toString());
    }
  }

  private static double millis(Duration d) {
    return Math.round(d.toNanos() / 1e3) / 1e3;
  }
}
