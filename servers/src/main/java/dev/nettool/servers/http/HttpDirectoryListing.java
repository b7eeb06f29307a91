package dev.nettool.servers.http;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;

/**
 * A directory's HTML listing ({@code --list}): one row per entry, sorted by name, directories first and
 * ending in {@code /}, with size and modification time. Names are HTML-escaped in the text and
 * percent-encoded in the links, so no file name can inject markup or point a link elsewhere.
 */
final class HttpDirectoryListing {
  private static final DateTimeFormatter MODIFIED =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'").withZone(ZoneOffset.UTC);
  private static final String UNRESERVED =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~";

  /** One entry of a directory. */
  record Entry(String name, boolean directory, long size, Instant modified) {}

  private HttpDirectoryListing() {}

  /** The page for the directory shown as {@code title} (a decoded URL path); a parent link unless top. */
  static String render(String title, boolean top, List<Entry> entries) {
    String t = escape(title);
    StringBuilder html = new StringBuilder(256 + entries.size() * 128)
        .append("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>Index of ").append(t)
        .append("</title></head>\n<body>\n<h1>Index of ").append(t).append("</h1>\n<table>\n")
        .append("<tr><th>Name</th><th>Size</th><th>Modified</th></tr>\n");
    if (!top) {
      html.append("<tr><td><a href=\"../\">../</a></td><td></td><td></td></tr>\n");
    }
    entries.stream()
        .sorted(Comparator.comparing((Entry e) -> !e.directory()).thenComparing(Entry::name))
        .forEach(e -> row(html, e));
    return html.append("</table>\n</body></html>\n").toString();
  }

  private static void row(StringBuilder html, Entry e) {
    String slash = e.directory() ? "/" : "";
    html.append("<tr><td><a href=\"").append(percentEncode(e.name())).append(slash).append("\">")
        .append(escape(e.name())).append(slash).append("</a></td><td>")
        .append(e.directory() ? "-" : Long.toString(e.size())).append("</td><td>")
        .append(MODIFIED.format(e.modified())).append("</td></tr>\n");
  }

  /** Escapes the five characters that matter in HTML text and attribute values. */
  static String escape(String s) {
    StringBuilder out = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  /** UTF-8 percent-encoding of everything but RFC 3986's unreserved characters (one path segment). */
  static String percentEncode(String s) {
    StringBuilder out = new StringBuilder(s.length() + 16);
    for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
      if (b >= 0 && UNRESERVED.indexOf(b) >= 0) {
        out.append((char) b);
      } else {
        out.append('%').append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xf, 16)))
            .append(Character.toUpperCase(Character.forDigit(b & 0xf, 16)));
      }
    }
    return out.toString();
  }
}
