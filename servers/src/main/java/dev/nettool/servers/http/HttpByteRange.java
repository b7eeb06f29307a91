package dev.nettool.servers.http;

import java.util.Locale;

/**
 * What a {@code Range} header asks of a file of a known size (RFC 9110 section 14). Only a single
 * {@code bytes} range is served as 206; a header that is absent, malformed, in another unit, or asks for
 * several ranges is ignored and the whole file goes out as 200 (a server may always ignore Range, and
 * a multipart/byteranges body cannot go out as one zero-copy file region).
 */
sealed interface HttpByteRange {

  /** Send the whole file (200). */
  record Whole() implements HttpByteRange {}

  /** Send bytes {@code first..last} inclusive (206). */
  record Part(long first, long last) implements HttpByteRange {
    long length() {
      return last - first + 1;
    }
  }

  /** Nothing of the file is in the range (416 with {@code Content-Range: bytes *}{@code /size}). */
  record Unsatisfiable() implements HttpByteRange {}

  /** The range {@code header} selects from a file of {@code size} bytes. */
  static HttpByteRange select(String header, long size) {
    if (header == null) {
      return new Whole();
    }
    String h = header.trim();
    if (!h.toLowerCase(Locale.ROOT).startsWith("bytes=")) {
      return new Whole();
    }
    String spec = h.substring("bytes=".length()).trim();
    if (spec.indexOf(',') >= 0) {
      return new Whole();
    }
    int dash = spec.indexOf('-');
    if (dash < 0) {
      return new Whole();
    }
    long first = number(spec.substring(0, dash).trim());
    long last = number(spec.substring(dash + 1).trim());
    if (dash == 0) {
      return suffix(last, size);
    }
    if (first < 0 || (last < 0 && !spec.substring(dash + 1).isBlank()) || (last >= 0 && last < first)) {
      return new Whole();
    }
    if (first >= size) {
      return new Unsatisfiable();
    }
    return new Part(first, last < 0 ? size - 1 : Math.min(last, size - 1));
  }

  private static HttpByteRange suffix(long length, long size) {
    if (length < 0) {
      return new Whole();
    }
    if (length == 0 || size == 0) {
      return new Unsatisfiable();
    }
    return new Part(Math.max(0, size - length), size - 1);
  }

  /** A non-negative decimal (saturating at Long.MAX_VALUE), or -1 when empty or not digits. */
  private static long number(String digits) {
    if (digits.isEmpty()) {
      return -1;
    }
    for (int i = 0; i < digits.length(); i++) {
      if (digits.charAt(i) < '0' || digits.charAt(i) > '9') {
        return -1;
      }
    }
    return digits.length() > 18 ? Long.MAX_VALUE : Long.parseLong(digits);
  }
}
