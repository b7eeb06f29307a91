package dev.nettool.servers.http;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.Map;
import java.util.TreeMap;

/**
 * httpbin's request echo: {@code /get}, {@code /post} and the other verbs, {@code /anything},
 * {@code /headers}, {@code /ip}, {@code /user-agent}.
 */
final class HttpbinEchoRoutes implements HttpRouteGroup {

  @Override
  public void addTo(HttpRouteTable.Builder table) {
    table.add(HttpMethod.GET, "/get", HttpbinEchoRoutes::get)
        .add(HttpMethod.POST, "/post", HttpbinEchoRoutes::withBody)
        .add(HttpMethod.PUT, "/put", HttpbinEchoRoutes::withBody)
        .add(HttpMethod.PATCH, "/patch", HttpbinEchoRoutes::withBody)
        .add(HttpMethod.DELETE, "/delete", HttpbinEchoRoutes::withBody)
        .add(null, "/anything/*", HttpbinEchoRoutes::anything)
        .add(HttpMethod.GET, "/headers", HttpbinEchoRoutes::headers)
        .add(HttpMethod.GET, "/ip", HttpbinEchoRoutes::ip)
        .add(HttpMethod.GET, "/user-agent", HttpbinEchoRoutes::userAgent);
  }

  static void get(HttpExchange ex) {
    ex.respondJson(HttpResponseStatus.OK, HttpbinEcho.basic(ex));
  }

  static void withBody(HttpExchange ex) {
    respondWithBody(ex, false);
  }

  /** Any method, any path under {@code /anything}: the whole echo and the method. */
  static void anything(HttpExchange ex) {
    respondWithBody(ex, true);
  }

  static void headers(HttpExchange ex) {
    ex.respondJson(HttpResponseStatus.OK, Map.of("headers", HttpbinEcho.headers(ex)));
  }

  static void ip(HttpExchange ex) {
    ex.respondJson(HttpResponseStatus.OK, Map.of("origin", HttpbinEcho.origin(ex)));
  }

  static void userAgent(HttpExchange ex) {
    Map<String, Object> out = new TreeMap<>();
    out.put("user-agent", ex.headers().get(HttpHeaderNames.USER_AGENT));
    ex.respondJson(HttpResponseStatus.OK, out);
  }

  private static void respondWithBody(HttpExchange ex, boolean withMethod) {
    Map<String, Object> echo;
    try {
      echo = HttpbinEcho.withBody(ex);
    } catch (HttpbinEcho.MalformedBodyException e) {
      ex.respondText(e.status(), e.getMessage() + "\n");
      return;
    }
    if (withMethod) {
      echo.put("method", ex.method().name());
    }
    ex.respondJson(HttpResponseStatus.OK, echo);
  }
}
