package dev.nettool.servers.http;

import io.netty.handler.codec.http.QueryStringDecoder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A route's path: literal segments, {@code {name}} for one segment, and a final {@code *} for the rest
 * (possibly empty, kept raw under the name {@code "*"}). Matched against the raw (still percent-encoded)
 * path, so an encoded slash never splits a segment; {@code {name}} values are decoded.
 */
public final class HttpPathPattern {
  private final String text;
  private final List<String> segments;
  private final boolean rest;
  /** Whether every segment is literal: then a path matches when it equals the text. */
  private final boolean literal;

  private HttpPathPattern(String text, List<String> segments, boolean rest) {
    this.text = text;
    this.segments = segments;
    this.rest = rest;
    this.literal = !rest && segments.stream().noneMatch(s -> s.startsWith("{"));
  }

  /** Parses {@code /users/{id}} or {@code /anything/*}; throws IllegalArgumentException naming the fault. */
  public static HttpPathPattern parse(String text) {
    if (!text.startsWith("/")) {
      throw new IllegalArgumentException("path must start with /: " + text);
    }
    List<String> segments = new ArrayList<>(List.of(text.substring(1).split("/", -1)));
    boolean rest = false;
    if (!segments.isEmpty() && segments.get(segments.size() - 1).equals("*")) {
      segments.remove(segments.size() - 1);
      rest = true;
    }
    for (String s : segments) {
      boolean param = s.startsWith("{") && s.endsWith("}") && s.length() > 2;
      if (!param && (s.contains("{") || s.contains("}") || s.contains("*"))) {
        throw new IllegalArgumentException("bad path segment '" + s + "' in " + text);
      }
    }
    return new HttpPathPattern(text, List.copyOf(segments), rest);
  }

  /** The parameters when {@code rawPath} (no query) matches, empty otherwise. */
  public Optional<Map<String, String>> match(String rawPath) {
    if (literal) {
      return rawPath.equals(text) ? Optional.of(Map.of()) : Optional.empty();
    }
    if (!rawPath.startsWith("/")) {
      return Optional.empty();
    }
    String[] parts = rawPath.substring(1).split("/", -1);
    // "/anything/*" also matches "/anything" itself, with an empty rest.
    if (rest ? parts.length < segments.size() : parts.length != segments.size()) {
      return Optional.empty();
    }
    Map<String, String> params = new LinkedHashMap<>();
    for (int i = 0; i < segments.size(); i++) {
      String want = segments.get(i);
      if (want.startsWith("{")) {
        params.put(want.substring(1, want.length() - 1), QueryStringDecoder.decodeComponent(parts[i].replace("+", "%2B")));
      } else if (!want.equals(parts[i])) {
        return Optional.empty();
      }
    }
    if (rest) {
      StringBuilder tail = new StringBuilder();
      for (int i = segments.size(); i < parts.length; i++) {
        if (tail.length() > 0) {
          tail.append('/');
        }
        tail.append(parts[i]);
      }
      params.put("*", tail.toString());
    }
    return Optional.of(params);
  }

  @Override
  public String toString() {
    return text;
  }
}
