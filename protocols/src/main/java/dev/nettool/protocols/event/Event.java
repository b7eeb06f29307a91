package dev.nettool.protocols.event;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One thing that happened, named as in Node ({@code connection}, {@code data}, {@code close}...).
 *
 * @param name the event name, the {@code event} field in JSON
 * @param level the least verbosity at which it is shown
 * @param time when it happened
 * @param text the line printed in text mode (may span lines, e.g. a hex dump)
 * @param fields the JSON fields besides {@code event} and {@code ts}, in order
 */
public record Event(String name, Verbosity level, Instant time, String text, Map<String, Object> fields) {
  public Event {
    fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
  }

  /** Starts an event of {@code name} shown from {@code level} on. */
  public static Builder builder(String name, Verbosity level) {
    return new Builder(name, level);
  }

  /** Collects the fields of one event; {@code null} values are left out. */
  public static final class Builder {
    private final String name;
    private final Verbosity level;
    private final Map<String, Object> fields = new LinkedHashMap<>();

    private Builder(String name, Verbosity level) {
      this.name = name;
      this.level = level;
    }

    public Builder field(String key, Object value) {
      if (value != null) {
        fields.put(key, value);
      }
      return this;
    }

    public Event text(String text) {
      return new Event(name, level, Instant.now(), text, fields);
    }
  }
}
