package dev.nettool.clients.udp;

import dev.nettool.protocols.address.Endpoint;
import dev.nettool.protocols.event.Event;
import dev.nettool.protocols.event.Verbosity;
import java.util.Locale;

/** The events of ping mode, worded like {@code ping}'s output: one {@code reply} per echo, one {@code ping} summary. */
final class UdpPingEvents {
  private UdpPingEvents() {}

  /** {@code 64 bytes from 127.0.0.1:7: seq=3 time=0.123 ms}, with {@code (DUP!)} for a second answer. */
  static Event reply(Endpoint.Inet from, int bytes, int seq, long rttNanos, boolean duplicate) {
    double ms = rttNanos / 1e6;
    return Event.builder("reply", Verbosity.NORMAL)
        .field("remoteHost", from.host())
        .field("remotePort", from.port())
        .field("bytes", bytes)
        .field("seq", seq)
        .field("ms", round(ms))
        .field("duplicate", duplicate ? Boolean.TRUE : null)
        .text(String.format(Locale.ROOT, "%d bytes from %s: seq=%d time=%.3f ms%s", bytes, from.display(), seq, ms,
            duplicate ? " (DUP!)" : ""));
  }

  /**
   * The closing statistics, three lines as {@code ping} prints them (the rtt line only when
   * something came back).
   */
  static Event summary(Endpoint.Inet target, UdpPingStats s) {
    Event.Builder b = Event.builder("ping", Verbosity.QUIET)
        .field("remoteHost", target.host())
        .field("remotePort", target.port())
        .field("transmitted", s.transmitted())
        .field("received", s.received())
        .field("duplicates", s.duplicates())
        .field("loss", round(s.lossPercent()));
    String nl = System.lineSeparator();
    StringBuilder text = new StringBuilder("--- ").append(target.display()).append(" ping statistics ---").append(nl)
        .append(s.transmitted()).append(" packets transmitted, ").append(s.received()).append(" received, ");
    if (s.duplicates() > 0) {
      text.append('+').append(s.duplicates()).append(" duplicates, ");
    }
    text.append(percent(s.lossPercent())).append(" packet loss");
    if (s.received() > 0) {
      b.field("minMs", round(s.minMillis())).field("avgMs", round(s.avgMillis()))
          .field("maxMs", round(s.maxMillis())).field("p99Ms", round(s.p99Millis()));
      text.append(nl).append(String.format(Locale.ROOT, "rtt min/avg/max/p99 = %.3f/%.3f/%.3f/%.3f ms",
          s.minMillis(), s.avgMillis(), s.maxMillis(), s.p99Millis()));
    }
    return b.text(text.toString());
  }

  private static String percent(double p) {
    return p == Math.rint(p) ? String.format(Locale.ROOT, "%d%%", (long) p) : String.format(Locale.ROOT, "%.1f%%", p);
  }

  private static double round(double v) {
    return Math.round(v * 1e3) / 1e3;
  }
}
