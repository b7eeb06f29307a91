package dev.nettool.servers.http;

import dev.nettool.protocols.event.Event;
import dev.nettool.protocols.event.Verbosity;
import dev.nettool.protocols.unit.Durations;
import java.time.Duration;
import java.util.Locale;

/** Factories for the HTTP server's own events, in the style of {@code NetEvents}. */
public final class HttpEvents {
  private HttpEvents() {}

  /** One exchange answered completely: {@code GET /get 200 312B 0.4ms #2}; {@code bytes} counts the response body. */
  public static Event request(long id, String method, String target, int status, long bytes, Duration took) {
    return Event.builder("request", Verbosity.NORMAL)
        .field("id", id)
        .field("method", method)
        .field("path", target)
        .field("status", status)
        .field("bytes", bytes)
        .field("ms", millis(took))
        .text(method + " " + target + " " + status + " " + bytes + "B " + Durations.format(took) + " #" + id);
  }

  /** The closing summary: {@code summary http 2 connections 5 requests in=812 out=2304 3.10s}. */
  public static Event summary(long connections, long requests, long in, long out, Duration took) {
    return Event.builder("summary", Verbosity.NORMAL)
        .field("proto", "http")
        .field("connections", connections)
        .field("requests", requests)
        .field("bytesIn", in)
        .field("bytesOut", out)
        .field("ms", millis(took))
        .text(String.format(Locale.ROOT, "summary http %d connections %d requests in=%d out=%d %s", connections,
            requests, in, out, Durations.format(took)));
  }

  private static double millis(Duration d) {
    return Math.round(d.toNanos() / 1e3) / 1e3;
  }
}
