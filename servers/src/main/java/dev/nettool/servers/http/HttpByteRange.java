package dev.nettool.servers.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.util.Locale;

/**
 * What a {@code Range} header asks of a resource of known length (RFC 9110 section 14): the whole, one
 * part (206), or nothing it has (416). Only single ranges are served; a request for several, or a
 * header that does not parse, gets the whole resource with 200, which the RFC allows.
 */
final class HttpByteRange {
  private HttpByteRange() {}

  /** The answer a range request gets. */
  sealed interface Choice permits Whole, Part, Unsatisfiable {}

  /** 200 with every byte. */
  record Whole() implements Choice {}

  /** 206 with bytes {@code first..last}, both inclusive. */
  record Part(long first, long last) implements Choice {
    long length() {
      return last - first + 1;
    }
  }

  /** 416: the range starts past the end. */
  record Unsatisfiable() implements Choice {}

  /** The choice for {@code header} (null when absent) on a resource of {@code length} bytes. */
  static Choice choose(String header, long length) {
    if (header == null || !header.toLowerCase(Locale.ROOT).startsWith("bytes=") || header.contains(",")) {
      return new Whole();
    }
    String spec = header.substring("bytes=".length()).trim();
    int dash = spec.indexOf('-');
    if (dash < 0) {
      return new Whole();
    }
    try {
      if (dash == 0) {
        long suffix = digits(spec.substring(1));
        return suffix == 0 || length == 0 ? new Unsatisfiable() : new Part(Math.max(0, length - suffix), length - 1);
      }
      long first = digits(spec.substring(0, dash));
      String lastText = spec.substring(dash + 1);
      long last = lastText.isEmpty() ? Long.MAX_VALUE : digits(lastText);
      if (last < first) {
        return new Whole();
      }
      return first >= length ? new Unsatisfiable() : new Part(first, Math.min(last, length - 1));
    } catch (NumberFormatException e) {
      return new Whole();
    }
  }

  /**
   * Answers a request for {@code n} bytes of the a-z pattern with ETag {@code etag}: the whole, the part
   * the Range header asks for, or 416. An {@code If-Range} other than the ETag asks for the whole.
   */
  static void answer(HttpExchange ex, int n, String etag) {
    String ifRange = ex.headers().get(HttpHeaderNames.IF_RANGE);
    String range = ifRange == null || ifRange.equals(etag) ? ex.headers().get(HttpHeaderNames.RANGE) : null;
    Choice choice = choose(range, n);
    FullHttpResponse r;
    if (choice instanceof Part p) {
      r = response(HttpResponseStatus.PARTIAL_CONTENT, pattern((int) p.first(), (int) p.length()));
      r.headers().set(HttpHeaderNames.CONTENT_RANGE, "bytes " + p.first() + "-" + p.last() + "/" + n);
    } else if (choice instanceof Unsatisfiable) {
      r = response(HttpResponseStatus.REQUESTED_RANGE_NOT_SATISFIABLE, Unpooled.EMPTY_BUFFER);
      r.headers().set(HttpHeaderNames.CONTENT_RANGE, "bytes */" + n);
    } else {
      r = response(HttpResponseStatus.OK, pattern(0, n));
    }
    r.headers().set(HttpHeaderNames.ACCEPT_RANGES, HttpHeaderValues.BYTES).set(HttpHeaderNames.ETAG, etag);
    ex.respond(r);
  }

  private static FullHttpResponse response(HttpResponseStatus status, ByteBuf body) {
    FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, body);
    r.headers().set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_OCTET_STREAM);
    return r;
  }

  // Byte i of the resource is 'a' + i % 26.
  private static ByteBuf pattern(int from, int length) {
    byte[] b = new byte[length];
    for (int i = 0; i < length; i++) {
      b[i] = (byte) ('a' + (from + i) % 26);
    }
    return Unpooled.wrappedBuffer(b);
  }

  private static long digits(String s) {
    if (s.isEmpty() || !s.chars().allMatch(c -> c >= '0' && c <= '9')) {
      throw new NumberFormatException(s);
    }
    return Long.parseLong(s);
  }
}
