package dev.nettool.servers.http;

import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.cookie.Cookie;
import io.netty.handler.codec.http.cookie.DefaultCookie;
import io.netty.handler.codec.http.cookie.ServerCookieDecoder;
import io.netty.handler.codec.http.cookie.ServerCookieEncoder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** httpbin's cookies: show the request's cookies, set some and delete some (then redirect to the list). */
final class HttpbinCookieRoutes implements HttpRouteGroup {

  @Override
  public void addTo(HttpRouteTable.Builder table) {
    table.add(HttpMethod.GET, "/cookies", HttpbinCookieRoutes::cookies)
        .add(HttpMethod.GET, "/cookies/set", HttpbinCookieRoutes::set)
        .add(HttpMethod.GET, "/cookies/set/{name}/{value}", HttpbinCookieRoutes::setOne)
        .add(HttpMethod.GET, "/cookies/delete", HttpbinCookieRoutes::delete);
  }

  /** {@code {"cookies": {name: value}}}; a name sent twice keeps its first value. */
  static void cookies(HttpExchange ex) {
    Map<String, Object> cookies = new TreeMap<>();
    for (String header : ex.headers().getAll(HttpHeaderNames.COOKIE)) {
      for (Cookie c : ServerCookieDecoder.LAX.decodeAll(header)) {
        cookies.putIfAbsent(c.name(), c.value());
      }
    }
    ex.respondJson(HttpResponseStatus.OK, Map.of("cookies", cookies));
  }

  /** A cookie (Path=/) for each query {@code K=V}, then 302 to {@code /cookies}. */
  static void set(HttpExchange ex) {
    List<Cookie> cookies = new ArrayList<>();
    ex.query().forEach((name, values) -> cookies.add(cookie(name, values.get(values.size() - 1), false)));
    redirectWith(ex, cookies);
  }

  /** httpbin's {@code /cookies/set/{name}/{value}}: one cookie from the path. */
  static void setOne(HttpExchange ex) {
    redirectWith(ex, List.of(cookie(ex.param("name"), ex.param("value"), false)));
  }

  /** Expires each cookie named in the query, then 302 to {@code /cookies}. */
  static void delete(HttpExchange ex) {
    List<Cookie> cookies = new ArrayList<>();
    ex.query().keySet().forEach(name -> cookies.add(cookie(name, "", true)));
    redirectWith(ex, cookies);
  }

  private static Cookie cookie(String name, String value, boolean expired) {
    DefaultCookie c = new DefaultCookie(name, value);
    c.setPath("/");
    if (expired) {
      c.setMaxAge(0);
    }
    return c;
  }

  /** 302 to {@code /cookies} setting {@code cookies}, or 400 when one is not a valid cookie. */
  private static void redirectWith(HttpExchange ex, List<Cookie> cookies) {
    FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.FOUND);
    try {
      r.headers().add(HttpHeaderNames.SET_COOKIE, ServerCookieEncoder.STRICT.encode(cookies));
    } catch (IllegalArgumentException e) {
      r.release();
      ex.respondText(HttpResponseStatus.BAD_REQUEST, "invalid cookie: " + e.getMessage() + "\n");
      return;
    }
    r.headers().set(HttpHeaderNames.LOCATION, "/cookies");
    ex.respond(r);
  }
}
