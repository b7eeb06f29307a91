package dev.nettool.clients.http;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A status code or a class of them, as {@code --expect-status} takes it: {@code 200} or {@code 2xx}.
 *
 * @param text the pattern as given, lower-cased
 */
public record HttpStatusPattern(String text) {
  private static final Pattern FORMAT = Pattern.compile("[1-5](?:xx|\\d\\d)");

  public HttpStatusPattern {
    text = text.trim().toLowerCase(Locale.ROOT);
    if (!FORMAT.matcher(text).matches()) {
      throw new IllegalArgumentException("'" + text + "' is not a status (200) or a status class (2xx)");
    }
  }

  /** Any 2xx: what {@code wait-for} expects unless told otherwise. */
  public static final HttpStatusPattern SUCCESS = new HttpStatusPattern("2xx");

  public static HttpStatusPattern parse(String text) {
    return new HttpStatusPattern(text);
  }

  public boolean matches(int status) {
    return text.endsWith("xx") ? status / 100 == text.charAt(0) - '0' : Integer.toString(status).equals(text);
  }

  @Override
  public String toString() {
    return text;
  }
}
