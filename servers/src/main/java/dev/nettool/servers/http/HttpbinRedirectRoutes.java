package dev.nettool.servers.http;

import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;

/** httpbin's redirects: chains of n hops ending at {@code /get}, relative or absolute, and a redirect to any URL. */
final class HttpbinRedirectRoutes implements HttpRouteGroup {
  /** The longest chain asked for: enough for any client's redirect limit, short of a loop. */
  static final int MAX_HOPS = 100;

  @Override
  public void addTo(HttpRouteTable.Builder table) {
    table.add(HttpMethod.GET, "/redirect/{n}", HttpbinRedirectRoutes::redirect)
        .add(HttpMethod.GET, "/relative-redirect/{n}", HttpbinRedirectRoutes::relativeRedirect)
        .add(HttpMethod.GET, "/absolute-redirect/{n}", HttpbinRedirectRoutes::absoluteRedirect)
        .add(null, "/redirect-to", HttpbinRedirectRoutes::redirectTo);
  }

  /** n hops, relative unless {@code ?absolute=true}. */
  static void redirect(HttpExchange ex) {
    if ("true".equalsIgnoreCase(ex.queryParam("absolute"))) {
      absoluteRedirect(ex);
    } else {
      relativeRedirect(ex);
    }
  }

  static void relativeRedirect(HttpExchange ex) {
    Integer n = hops(ex);
    if (n != null) {
      found(ex, n == 1 ? "/get" : "/relative-redirect/" + (n - 1));
    }
  }

  static void absoluteRedirect(HttpExchange ex) {
    Integer n = hops(ex);
    if (n != null) {
      found(ex, HttpbinEcho.base(ex) + (n == 1 ? "/get" : "/absolute-redirect/" + (n - 1)));
    }
  }

  /** {@code ?url=} with {@code ?status_code=} (a 3xx, 302 by default), any method. */
  static void redirectTo(HttpExchange ex) {
    String url = ex.queryParam("url");
    String statusParam = ex.queryParam("status_code");
    if (url == null || url.isEmpty()) {
      ex.respondText(HttpResponseStatus.BAD_REQUEST, "missing url parameter\n");
      return;
    }
    if (url.indexOf('\r') >= 0 || url.indexOf('\n') >= 0) {
      ex.respondText(HttpResponseStatus.BAD_REQUEST, "CR or LF in the url parameter\n");
      return;
    }
    int status = 302;
    if (statusParam != null) {
      try {
        status = Integer.parseInt(statusParam);
      } catch (NumberFormatException e) {
        status = -1;
      }
      if (status < 300 || status > 399) {
        ex.respondText(HttpResponseStatus.BAD_REQUEST, "status_code must be 300 to 399: " + statusParam + "\n");
        return;
      }
    }
    FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(status));
    try {
      r.headers().set(HttpHeaderNames.LOCATION, url);
    } catch (IllegalArgumentException e) {
      r.release();
      ex.respondText(HttpResponseStatus.BAD_REQUEST, "url is not a valid header value\n");
      return;
    }
    ex.respond(r);
  }

  /** The hop count in the path, or null after answering 400 for one that is not 1 to {@link #MAX_HOPS}. */
  private static Integer hops(HttpExchange ex) {
    String raw = ex.param("n");
    try {
      int n = Integer.parseInt(raw);
      if (n >= 1 && n <= MAX_HOPS) {
        return n;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    ex.respondText(HttpResponseStatus.BAD_REQUEST, "number of redirects must be 1 to " + MAX_HOPS + ": " + raw + "\n");
    return null;
  }

  private static void found(HttpExchange ex, String location) {
    FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.FOUND);
    try {
      r.headers().set(HttpHeaderNames.LOCATION, location); // the Host header is part of an absolute one
    } catch (IllegalArgumentException e) {
      r.release();
      ex.respondText(HttpResponseStatus.BAD_REQUEST, "Host header not usable in a Location\n");
      return;
    }
    ex.respond(r);
  }
}
