package dev.nettool.protocols.expect;

import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * Something a client waits to see in what it receives. Bytes are fed as they arrive; a match is
 * found even when it spans reads. Only a bounded tail of the stream is kept, so a long download
 * does not grow memory.
 */
public final class Expectation {
  private static final int WINDOW = 64 << 10;
  private final String literal;
  private final Pattern regex;
  private final StringBuilder seen = new StringBuilder();
  private boolean met;

  private Expectation(String literal, Pattern regex) {
    this.literal = literal;
    this.regex = regex;
  }

  /** Met when {@code text} appears in the stream. */
  public static Expectation literal(String text) {
    return new Expectation(text, null);
  }

  /** Met when {@code regex} finds a match in the stream (decoded as UTF-8). */
  public static Expectation regex(String regex) {
    return new Expectation(null, Pattern.compile(regex, Pattern.MULTILINE));
  }

  /** What is expected, for messages: {@code "ok"} or {@code /o+k/}. */
  public String describe() {
    return literal != null ? "'" + literal + "'" : "/" + regex.pattern() + "/";
  }

  /** Feeds received bytes; returns whether the expectation is met (now or before). */
  public boolean feed(byte[] bytes, int off, int len) {
    return feed(new String(bytes, off, len, StandardCharsets.UTF_8));
  }

  /** Feeds received text; returns whether the expectation is met (now or before). */
  public boolean feed(CharSequence text) {
    if (met) {
      return true;
    }
    // A literal can only newly match where it overlaps what just arrived: search from there.
    int from = literal != null ? Math.max(0, seen.length() - literal.length() + 1) : 0;
    seen.append(text);
    met = literal != null ? seen.indexOf(literal, from) >= 0 : regex.matcher(seen).find();
    if (!met && seen.length() > WINDOW) {
      int keep = literal != null ? Math.max(literal.length(), 1) : WINDOW / 2;
      seen.delete(0, seen.length() - keep);
    }
    return met;
  }

  /** Feeds one whole message (a datagram, a WebSocket message), matched on its own. */
  public boolean feedMessage(CharSequence message) {
    if (met) {
      return true;
    }
    met = literal != null ? message.toString().contains(literal) : regex.matcher(message).find();
    return met;
  }

  public boolean met() {
    return met;
  }
}
