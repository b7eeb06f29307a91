package dev.nettool.protocols.testing;

import static org.assertj.core.api.Assertions.fail;

import dev.nettool.protocols.event.Event;
import dev.nettool.protocols.event.EventSink;
import dev.nettool.protocols.event.Verbosity;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A sink for tests: every event is queued; tests {@link #take} with a deadline instead of sleeping. */
public final class RecordingEventSink implements EventSink {
  private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
  private final Verbosity verbosity;
  private final boolean hex;

  public RecordingEventSink() {
    this(Verbosity.VERBOSE, false);
  }

  public RecordingEventSink(Verbosity verbosity, boolean hex) {
    this.verbosity = verbosity;
    this.hex = hex;
  }

  @Override
  public void publish(Event event) {
    events.add(event);
  }

  @Override
  public boolean shows(Verbosity level) {
    return verbosity.shows(level);
  }

  @Override
  public boolean hex() {
    return hex;
  }

  /** The next event, or a failure after {@code timeout}. */
  public Event take(Duration timeout) throws InterruptedException {
    Event e = events.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    if (e == null) {
      fail("no event within " + timeout);
    }
    return e;
  }

  /** The next event named {@code name}, skipping others, or a failure after {@code timeout}. */
  public Event take(String name, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      long left = deadline - System.nanoTime();
      Event e = left > 0 ? events.poll(left, TimeUnit.NANOSECONDS) : null;
      if (e == null) {
        fail("no '" + name + "' event within " + timeout);
      }
      if (e.name().equals(name)) {
        return e;
      }
    }
  }

  /** Everything recorded so far, removed from the queue. */
  public List<Event> drain() {
    List<Event> out = new ArrayList<>();
    events.drainTo(out);
    return out;
  }
}
