package dev.nettool.servers.http;

import io.netty.handler.codec.DateFormatter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.UUID;

/** httpbin's caching endpoints: conditional requests answered with 304 and 412, and Cache-Control. */
final class HttpbinCacheRoutes implements HttpRouteGroup {

  @Override
  public void addTo(HttpRouteTable.Builder table) {
    table.add(HttpMethod.GET, "/cache", HttpbinCacheRoutes::cache)
        .add(HttpMethod.GET, "/cache/{n}", HttpbinCacheRoutes::cacheFor)
        .add(HttpMethod.GET, "/etag/{etag}", HttpbinCacheRoutes::etag);
  }

  /** 304 for any conditional request (as httpbin); otherwise {@code /get}'s echo with Last-Modified and an ETag. */
  static void cache(HttpExchange ex) {
    if (ex.headers().contains(HttpHeaderNames.IF_MODIFIED_SINCE)
        || ex.headers().contains(HttpHeaderNames.IF_NONE_MATCH)) {
      ex.respondEmpty(HttpResponseStatus.NOT_MODIFIED);
      return;
    }
    FullHttpResponse r = echo(ex);
    r.headers().set(HttpHeaderNames.LAST_MODIFIED, DateFormatter.format(new Date()))
        .set(HttpHeaderNames.ETAG, "\"" + UUID.randomUUID().toString().replace("-", "") + "\"");
    ex.respond(r);
  }

  /** {@code /get}'s echo, cacheable for n seconds. */
  static void cacheFor(HttpExchange ex) {
    String raw = ex.param("n");
    long n;
    try {
      n = Long.parseLong(raw);
    } catch (NumberFormatException e) {
      n = -1;
    }
    if (n < 0) {
      ex.respondText(HttpResponseStatus.BAD_REQUEST, "max-age must be a number of seconds: " + raw + "\n");
      return;
    }
    FullHttpResponse r = echo(ex);
    r.headers().set(HttpHeaderNames.CACHE_CONTROL, "public, max-age=" + n);
    ex.respond(r);
  }

  /**
   * The resource whose entity tag is in the path: If-None-Match that matches (weakly, or {@code *}) gives
   * 304, If-Match that does not match (strongly) gives 412, anything else the echo with the ETag.
   */
  static void etag(HttpExchange ex) {
    String tag = ex.param("etag");
    if (!isEtagText(tag)) {
      ex.respondText(HttpResponseStatus.BAD_REQUEST, "not a valid entity tag: " + tag + "\n");
      return;
    }
    String quoted = "\"" + tag + "\"";
    String ifNoneMatch = ex.headers().get(HttpHeaderNames.IF_NONE_MATCH);
    String ifMatch = ex.headers().get(HttpHeaderNames.IF_MATCH);
    if (ifNoneMatch != null) {
      if (anyMatches(ifNoneMatch, tag, false)) {
        FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.NOT_MODIFIED);
        r.headers().set(HttpHeaderNames.ETAG, quoted);
        ex.respond(r);
        return;
      }
    } else if (ifMatch != null && !anyMatches(ifMatch, tag, true)) {
      ex.respondEmpty(HttpResponseStatus.PRECONDITION_FAILED);
      return;
    }
    FullHttpResponse r = echo(ex);
    r.headers().set(HttpHeaderNames.ETAG, quoted);
    ex.respond(r);
  }

  /**
   * Whether the list {@code header} ({@code "a", W/"b"}, or {@code *}) names {@code tag}. A strong
   * comparison (If-Match) never matches a weak tag; unquoted tags are taken as they are, as httpbin does.
   */
  static boolean anyMatches(String header, String tag, boolean strong) {
    for (String entry : entityTags(header)) {
      if (entry.equals("*")) {
        return true;
      }
      boolean weak = entry.startsWith("W/");
      String opaque = weak ? entry.substring(2) : entry;
      if (opaque.length() >= 2 && opaque.startsWith("\"") && opaque.endsWith("\"")) {
        opaque = opaque.substring(1, opaque.length() - 1);
      }
      if (opaque.equals(tag) && !(strong && weak)) {
        return true;
      }
    }
    return false;
  }

  /** The comma-separated entries of an If-Match or If-None-Match value; commas inside quotes do not split. */
  private static List<String> entityTags(String header) {
    List<String> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < header.length(); i++) {
      char c = header.charAt(i);
      if (c == '"') {
        quoted = !quoted;
      }
      if (c == ',' && !quoted) {
        out.add(cur.toString().trim());
        cur.setLength(0);
      } else {
        cur.append(c);
      }
    }
    out.add(cur.toString().trim());
    return out;
  }

  /** RFC 9110's etagc: visible ASCII except the double quote, and obs-text. */
  private static boolean isEtagText(String tag) {
    for (int i = 0; i < tag.length(); i++) {
      char c = tag.charAt(i);
      if (c == '"' || c <= 0x20 || c == 0x7f || c > 0xff) {
        return false;
      }
    }
    return true;
  }

  private static FullHttpResponse echo(HttpExchange ex) {
    FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
    r.content().writeBytes((HttpExchange.json(HttpbinEcho.basic(ex)) + "\n").getBytes(StandardCharsets.UTF_8));
    r.headers().set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON);
    return r;
  }
}
