package dev.nettool.servers.http;

import io.netty.channel.DefaultFileRegion;
import io.netty.handler.codec.DateFormatter;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.stream.ChunkedNioFile;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Date;

/**
 * The answer for one regular file: validators, conditional requests, a byte range, a download name, and
 * the body as a zero-copy file region (or chunks when TLS or HTTP/2 is in the way). Runs off the event loop.
 * {@code name} is the name asked for (a symlink's, not its target's): it picks the Content-Type.
 *
 * <p>The ETag is strong, {@code "<size hex>-<mtime millis hex>"} as nginx does, so it also serves
 * {@code If-Range}; a file rewritten within the same millisecond with the same size keeps its tag.
 * If-None-Match wins over If-Modified-Since (RFC 9110 section 13.2.2); Range is honoured for GET only.
 */
final class HttpStaticFileAnswer {
  /** A TLS record's largest payload: each chunk fills one record. */
  private static final int CHUNK = 16 * 1024;

  private HttpStaticFileAnswer() {}

  static HttpStaticAnswer of(HttpStaticRequest req, Path file, String name, long size, long mtimeMillis,
      HttpServerConfig config, boolean chunked) throws IOException {
    String etag = "\"" + Long.toHexString(size) + "-" + Long.toHexString(mtimeMillis) + "\"";
    long mtimeSeconds = mtimeMillis / 1000;
    HttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
    HttpHeaders h = head.headers();
    h.set(HttpHeaderNames.ETAG, etag);
    h.set(HttpHeaderNames.LAST_MODIFIED, DateFormatter.format(new Date(mtimeSeconds * 1000)));
    if (config.maxAge() != null) {
      h.set(HttpHeaderNames.CACHE_CONTROL, "max-age=" + config.maxAge().toSeconds());
    }
    if (notModified(req, etag, mtimeSeconds)) {
      head.setStatus(HttpResponseStatus.NOT_MODIFIED);
      return new HttpStaticAnswer(head, null);
    }
    h.set(HttpHeaderNames.CONTENT_TYPE, HttpMediaTypes.of(name));
    h.set(HttpHeaderNames.ACCEPT_RANGES, "bytes");
    if (req.download()) {
      h.set(HttpHeaderNames.CONTENT_DISPOSITION, attachment(name));
    }
    HttpByteRange range = req.head() || !rangeStillValid(req.ifRange(), etag, mtimeSeconds)
        ? new HttpByteRange.Whole()
        : HttpByteRange.select(req.range(), size);
    if (range instanceof HttpByteRange.Unsatisfiable) {
      HttpStaticAnswer a = HttpStaticAnswer.text(HttpResponseStatus.REQUESTED_RANGE_NOT_SATISFIABLE,
          "range not satisfiable: the file has " + size + " bytes");
      a.head().headers().set(HttpHeaderNames.CONTENT_RANGE, "bytes */" + size);
      return a;
    }
    long first = 0;
    long length = size;
    if (range instanceof HttpByteRange.Part part) {
      head.setStatus(HttpResponseStatus.PARTIAL_CONTENT);
      h.set(HttpHeaderNames.CONTENT_RANGE, "bytes " + part.first() + "-" + part.last() + "/" + size);
      first = part.first();
      length = part.length();
    }
    h.set(HttpHeaderNames.CONTENT_LENGTH, length);
    if (config.compress()) {
      // The compressor leaves a response alone once it has a Content-Encoding: the file goes out as it
      // is on disk, as one region, and byte ranges stay ranges of the file.
      h.set(HttpHeaderNames.CONTENT_ENCODING, HttpHeaderValues.IDENTITY);
    }
    if (req.head()) {
      return new HttpStaticAnswer(head, null);
    }
    FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
    Object body = chunked ? chunks(channel, first, length) : new DefaultFileRegion(channel, first, length);
    return new HttpStaticAnswer(head, body);
  }

  private static HttpFileChunks chunks(FileChannel channel, long first, long length) throws IOException {
    try {
      return new HttpFileChunks(new ChunkedNioFile(channel, first, length, CHUNK));
    } catch (IOException e) {
      channel.close();
      throw e;
    }
  }

  private static boolean notModified(HttpStaticRequest req, String etag, long mtimeSeconds) {
    if (req.ifNoneMatch() != null) {
      for (String tag : req.ifNoneMatch().split(",")) {
        String t = tag.trim();
        if (t.equals("*") || (t.startsWith("W/") ? t.substring(2) : t).equals(etag)) {
          return true;
        }
      }
      return false;
    }
    Date since = req.ifModifiedSince() == null ? null : DateFormatter.parseHttpDate(req.ifModifiedSince());
    return since != null && mtimeSeconds <= since.getTime() / 1000;
  }

  /** If-Range: a strong ETag must equal ours, a date must equal Last-Modified; otherwise send it all. */
  private static boolean rangeStillValid(String ifRange, String etag, long mtimeSeconds) {
    if (ifRange == null) {
      return true;
    }
    String v = ifRange.trim();
    if (v.startsWith("\"") || v.startsWith("W/")) {
      return v.equals(etag);
    }
    Date date = DateFormatter.parseHttpDate(v);
    return date != null && date.getTime() / 1000 == mtimeSeconds;
  }

  /**
   * {@code attachment; filename="..."}, plus RFC 5987's {@code filename*=UTF-8''...} when the name is not
   * plain ASCII (RFC 6266); the quoted fallback has {@code _} for what it cannot carry.
   */
  static String attachment(String name) {
    StringBuilder fallback = new StringBuilder();
    boolean ascii = true;
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c < 0x20 || c >= 0x7f || c == '"' || c == '\\') {
        fallback.append('_');
        ascii = false;
      } else {
        fallback.append(c);
      }
    }
    String value = "attachment; filename=\"" + fallback + "\"";
    return ascii ? value : value + "; filename*=UTF-8''" + HttpDirectoryListing.percentEncode(name);
  }
}
