package dev.nettool.servers.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;

/** {@code /range/{n}}'s answer: n bytes of the a-z pattern, whole, the part a Range asks for, or 416. */
final class HttpbinRange {
  private HttpbinRange() {}

  /** Answers with ETag {@code etag}; an {@code If-Range} other than the ETag asks for the whole. */
  static void answer(HttpExchange ex, int n, String etag) {
    String ifRange = ex.headers().get(HttpHeaderNames.IF_RANGE);
    String range = ifRange == null || ifRange.equals(etag) ? ex.headers().get(HttpHeaderNames.RANGE) : null;
    HttpByteRange choice = HttpByteRange.select(range, n);
    FullHttpResponse r;
    if (choice instanceof HttpByteRange.Part p) {
      r = response(HttpResponseStatus.PARTIAL_CONTENT, pattern((int) p.first(), (int) p.length()));
      r.headers().set(HttpHeaderNames.CONTENT_RANGE, "bytes " + p.first() + "-" + p.last() + "/" + n);
    } else if (choice instanceof HttpByteRange.Unsatisfiable) {
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
}
