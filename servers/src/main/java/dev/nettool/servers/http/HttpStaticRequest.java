package dev.nettool.servers.http;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;

/**
 * What a static file request asks besides its path, copied out of the exchange on the event loop so the
 * file system lookup can run on another thread.
 *
 * @param head a HEAD request: headers only
 * @param rawPath the path as sent (for the redirect to a directory's slash form)
 * @param rawQuery the query as sent without its {@code ?}, or empty
 * @param download {@code ?download} was given: answer with {@code Content-Disposition: attachment}
 */
record HttpStaticRequest(boolean head, String rawPath, String rawQuery, boolean download, String ifNoneMatch,
    String ifModifiedSince, String range, String ifRange) {

  static HttpStaticRequest of(HttpExchange exchange) {
    String uri = exchange.request().uri();
    int q = uri.indexOf('?');
    String rawQuery = q < 0 ? "" : uri.substring(q + 1);
    HttpHeaders h = exchange.headers();
    return new HttpStaticRequest(HttpMethod.HEAD.equals(exchange.method()), exchange.rawPath(), rawQuery,
        exchange.query().containsKey("download"), h.get(HttpHeaderNames.IF_NONE_MATCH),
        h.get(HttpHeaderNames.IF_MODIFIED_SINCE), h.get(HttpHeaderNames.RANGE), h.get(HttpHeaderNames.IF_RANGE));
  }
}
