package dev.nettool.protocols.event;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Prints events as text lines or as one JSON object per line, flushing each so that a script
 * reading the stream sees an event as soon as it happens.
 */
public final class EventPrinter implements EventSink {
  private final PrintStream out;
  private final boolean json;
  private final Verbosity verbosity;
  private final boolean hex;

  public EventPrinter(PrintStream out, boolean json, Verbosity verbosity, boolean hex) {
    this.out = out;
    this.json = json;
    this.verbosity = verbosity;
    this.hex = hex;
  }

  @Override
  public boolean shows(Verbosity level) {
    return verbosity.shows(level) || (hex && level == Verbosity.VERBOSE);
  }

  @Override
  public boolean hex() {
    return hex;
  }

  @Override
  public void publish(Event event) {
    if (!shows(event.level())) {
      return;
    }
    String line = json ? toJson(event) : event.text();
    synchronized (out) {
      out.println(line);
      out.flush();
    }
  }

  /** The JSON line of an event: {@code event}, {@code ts}, then its fields. */
  public static String toJson(Event event) {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("event", event.name());
    map.put("ts", formatTime(event.time()));
    map.putAll(event.fields());
    try {
      return JSON.std.asString(map);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String formatTime(Instant time) {
    return time.truncatedTo(java.time.temporal.ChronoUnit.MICROS).toString();
  }
}
