package dev.nettool.servers.http;

import java.util.Locale;
import java.util.Map;

/**
 * The one table from file extension to Content-Type, for static files and scripted routes' body files.
 * Text types carry {@code charset=utf-8}; an unknown extension is {@code application/octet-stream}.
 */
public final class HttpMediaTypes {
  /** What a file of unknown type is sent as. */
  public static final String OCTET_STREAM = "application/octet-stream";

  private static final String UTF8 = "; charset=utf-8";

  private static final Map<String, String> BY_EXTENSION = Map.ofEntries(
      Map.entry("html", "text/html" + UTF8),
      Map.entry("htm", "text/html" + UTF8),
      Map.entry("css", "text/css" + UTF8),
      Map.entry("js", "text/javascript" + UTF8),
      Map.entry("mjs", "text/javascript" + UTF8),
      Map.entry("json", "application/json"),
      Map.entry("map", "application/json"),
      Map.entry("txt", "text/plain" + UTF8),
      Map.entry("md", "text/markdown" + UTF8),
      Map.entry("csv", "text/csv" + UTF8),
      Map.entry("xml", "application/xml" + UTF8),
      Map.entry("svg", "image/svg+xml" + UTF8),
      Map.entry("png", "image/png"),
      Map.entry("jpg", "image/jpeg"),
      Map.entry("jpeg", "image/jpeg"),
      Map.entry("gif", "image/gif"),
      Map.entry("webp", "image/webp"),
      Map.entry("avif", "image/avif"),
      Map.entry("ico", "image/x-icon"),
      Map.entry("wasm", "application/wasm"),
      Map.entry("pdf", "application/pdf"),
      Map.entry("zip", "application/zip"),
      Map.entry("gz", "application/gzip"),
      Map.entry("tar", "application/x-tar"),
      Map.entry("mp3", "audio/mpeg"),
      Map.entry("mp4", "video/mp4"),
      Map.entry("webm", "video/webm"),
      Map.entry("woff", "font/woff"),
      Map.entry("woff2", "font/woff2"));

  private HttpMediaTypes() {}

  /** The Content-Type for {@code fileName} by its extension (case-insensitive), or {@link #OCTET_STREAM}. */
  public static String of(String fileName) {
    int dot = fileName.lastIndexOf('.');
    if (dot < 0 || dot == fileName.length() - 1) {
      return OCTET_STREAM;
    }
    return BY_EXTENSION.getOrDefault(fileName.substring(dot + 1).toLowerCase(Locale.ROOT), OCTET_STREAM);
  }

  /** Whether {@code fileName} has an extension in the table. */
  public static boolean known(String fileName) {
    return !of(fileName).equals(OCTET_STREAM);
  }

  /** Whether a Content-Type is JSON ({@code application/json} or a {@code +json} type). */
  public static boolean isJson(String contentType) {
    String base = contentType.toLowerCase(Locale.ROOT);
    return base.startsWith("application/json") || base.contains("+json");
  }

  /** Whether a Content-Type is HTML. */
  public static boolean isHtml(String contentType) {
    return contentType.toLowerCase(Locale.ROOT).startsWith("text/html");
  }
}
