package dev.nettool.servers.http;

/** Turns a file name a client sent into one safe to store and to echo: one path component, printable. */
final class HttpUploadNames {
  /** The name a file gets when the client gave none (or nothing usable). */
  static final String DEFAULT = "upload.bin";
  private static final int MAX_LENGTH = 200;

  private HttpUploadNames() {}

  /**
   * The last path component of {@code name} (either slash), without control characters, at most 200
   * characters; {@link #DEFAULT} when that leaves nothing, or only dots.
   */
  static String sanitize(String name) {
    if (name == null) {
      return DEFAULT;
    }
    String last = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
    StringBuilder b = new StringBuilder();
    last.codePoints().filter(c -> !Character.isISOControl(c)).forEach(b::appendCodePoint);
    String clean = b.toString().strip();
    if (clean.chars().allMatch(c -> c == '.')) {
      return DEFAULT;
    }
    return clean.length() > MAX_LENGTH ? clean.substring(0, MAX_LENGTH) : clean;
  }
}
