package dev.nettool.servers.http;

import io.netty.handler.codec.http.HttpResponseStatus;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The part of a URL path below a mount, checked and decoded once into plain file-name segments, before
 * the file system is touched. Each segment is percent-decoded exactly once (so {@code %252e} is the
 * literal name {@code %2e}, never {@code .}), and a segment is refused with 400 when it could step
 * outside the directory or name something no file name holds: a dot segment ({@code .}, {@code ..},
 * also encoded), a slash or backslash inside it (raw or {@code %2f}/{@code %5c}), a NUL or other control
 * character, a malformed escape or invalid UTF-8. Empty segments ({@code a//b}) are skipped: they cannot
 * leave the root. Names starting with a dot (hidden files) are answered 404 and never listed.
 */
sealed interface HttpStaticPath {

  /** File-name segments below the mount's root, and whether the URL ended with a slash. */
  record Segments(List<String> names, boolean trailingSlash) implements HttpStaticPath {}

  /** The path is refused with {@code status}; {@code reason} says why. */
  record Refused(HttpResponseStatus status, String reason) implements HttpStaticPath {}

  /**
   * Checks and decodes {@code rawRest}, the still-encoded path below the mount without the query;
   * {@code trailingSlash} says whether the whole URL path ended with a slash.
   */
  static HttpStaticPath parse(String rawRest, boolean trailingSlash) {
    List<String> names = new ArrayList<>();
    for (String raw : rawRest.split("/", -1)) {
      if (raw.isEmpty()) {
        continue;
      }
      String name = decode(raw);
      if (name == null) {
        return new Refused(HttpResponseStatus.BAD_REQUEST, "malformed percent-encoding in the path");
      }
      String fault = fault(name);
      if (fault != null) {
        return new Refused(HttpResponseStatus.BAD_REQUEST, fault);
      }
      if (name.startsWith(".")) {
        return new Refused(HttpResponseStatus.NOT_FOUND, "hidden files are not served");
      }
      names.add(name);
    }
    return new Segments(List.copyOf(names), trailingSlash);
  }

  private static String fault(String name) {
    if (name.equals(".") || name.equals("..")) {
      return "dot segments are not allowed in the path";
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c == '/' || c == '\\') {
        return "a path segment may not contain a slash or backslash";
      }
      if (c < 0x20 || c == 0x7f) {
        return "control characters are not allowed in the path";
      }
    }
    return null;
  }

  /** Percent-decodes once, strictly ({@code +} stays {@code +}); null for a bad escape or bad UTF-8. */
  private static String decode(String raw) {
    if (raw.indexOf('%') < 0) {
      return raw;
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
    byte[] in = raw.getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i < in.length; i++) {
      if (in[i] != '%') {
        bytes.write(in[i]);
        continue;
      }
      int hi = i + 2 < in.length ? Character.digit(in[i + 1], 16) : -1;
      int lo = hi < 0 ? -1 : Character.digit(in[i + 2], 16);
      if (lo < 0) {
        return null;
      }
      bytes.write(hi << 4 | lo);
      i += 2;
    }
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes.toByteArray()))
          .toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }
}
