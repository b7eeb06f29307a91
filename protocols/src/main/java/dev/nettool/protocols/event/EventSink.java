package dev.nettool.protocols.event;

/**
 * Where handlers publish events. Implementations must be thread-safe: events come from event-loop
 * threads. Hot paths ask {@link #shows} before building an event so that nothing is allocated for
 * events nobody will see.
 */
public interface EventSink {

  /** Records or prints one event. */
  void publish(Event event);

  /** Whether events of {@code level} are wanted. */
  boolean shows(Verbosity level);

  /** Whether data events should carry a hex dump of the payload ({@code --hex}). */
  default boolean hex() {
    return false;
  }

  /** A sink that drops everything. */
  static EventSink discard() {
    return new EventSink() {
      @Override
      public void publish(Event event) {}

      @Override
      public boolean shows(Verbosity level) {
        return false;
      }
    };
  }
}
