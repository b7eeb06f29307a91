package dev.nettool.protocols.unit;

import java.time.Duration;
import java.util.Locale;

/** Parses and prints durations: {@code 250ms}, {@code 5s}, {@code 1.5s}, {@code 2m}, {@code 1h}; a bare number is seconds. */
public final class Durations {
  private Durations() {}

  /** @throws IllegalArgumentException when the text is not a duration */
  public static Duration parse(String text) {
    // Read by hand rather than with a regular expression: compiling one was 3 ms of a one-shot
    // client's start. The form: digits, optionally '.' and digits, optional spaces, optional unit.
    String t = text.trim().toLowerCase(Locale.ROOT);
    int i = digits(t, 0);
    if (i == 0) {
      throw notADuration(text);
    }
    if (i < t.length() && t.charAt(i) == '.') {
      int end = digits(t, i + 1);
      if (end == i + 1) {
        throw notADuration(text);
      }
      i = end;
    }
    double value = Double.parseDouble(t.substring(0, i));
    while (i < t.length() && isSpace(t.charAt(i))) {
      i++;
    }
    double nanosPerUnit = switch (t.substring(i)) {
      case "", "s" -> 1e9;
      case "us" -> 1e3;
      case "ms" -> 1e6;
      case "m" -> 60e9;
      case "h" -> 3600e9;
      case "d" -> 86400e9;
      default -> throw notADuration(text);
    };
    double nanos = value * nanosPerUnit;
    if (nanos > Long.MAX_VALUE) {
      throw new IllegalArgumentException("'" + text + "' is too long a duration");
    }
    return Duration.ofNanos((long) nanos);
  }

  private static int digits(String t, int from) {
    int i = from;
    while (i < t.length() && t.charAt(i) >= '0' && t.charAt(i) <= '9') {
      i++;
    }
    return i;
  }

  /** What a regular expression's {@code \s} matches. */
  private static boolean isSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r';
  }

  private static IllegalArgumentException notADuration(String text) {
    return new IllegalArgumentException("'" + text + "' is not a duration (examples: 500ms, 5s, 2m, 1h)");
  }

  /**
   * A duration the way people type it ({@code 500ms}, {@code 30s}, {@code 2m}, {@code 1h}), for
   * messages that name an option's value; falls back to {@link #format} when it has no such form.
   */
  public static String spoken(Duration d) {
    long ms = d.toMillis();
    if (d.toNanos() % 1_000_000 != 0 || ms == 0) {
      return format(d);
    }
    if (ms % 3_600_000 == 0) {
      return ms / 3_600_000 + "h";
    }
    if (ms % 60_000 == 0) {
      return ms / 60_000 + "m";
    }
    return ms % 1000 == 0 ? ms / 1000 + "s" : ms + "ms";
  }

  /**
   * A short human form: {@code 1.2ms}, {@code 350us}, {@code 2.50s}, rounded half up. Plain integer
   * arithmetic, not {@code String.format}: this runs for the first event of every short command,
   * and starting {@code java.util.Formatter} cost a one-shot client about 2 ms.
   */
  public static String format(Duration d) {
    long nanos = d.toNanos();
    if (nanos < 1_000_000) {
      return nanos / 1_000 + "us";
    }
    if (nanos < 1_000_000_000) {
      return decimal(nanos, 100_000, 1) + "ms";
    }
    return decimal(nanos, 10_000_000, 2) + "s";
  }

  /** {@code nanos / unit} rounded half up, shown with {@code places} decimals. */
  private static String decimal(long nanos, long unit, int places) {
    long scaled = (nanos + unit / 2) / unit;
    long scale = places == 1 ? 10 : 100;
    String fraction = Long.toString(scaled % scale);
    while (fraction.length() < places) {
      fraction = "0" + fraction;
    }
    return scaled / scale + "." + fraction;
  }
}
