package dev.nettool.servers.http;

import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;

/** httpbin's authentication checks: Basic with the credentials in the path, hidden Basic, and Bearer. */
final class HttpbinAuthRoutes implements HttpRouteGroup {
  /** httpbin's Basic challenge, also sent by {@code /status/401}. */
  static final String BASIC_CHALLENGE = "Basic realm=\"Fake Realm\"";

  @Override
  public void addTo(HttpRouteTable.Builder table) {
    table.add(HttpMethod.GET, "/basic-auth/{user}/{passwd}", ex -> basicAuth(ex, false))
        .add(HttpMethod.GET, "/hidden-basic-auth/{user}/{passwd}", ex -> basicAuth(ex, true))
        .add(HttpMethod.GET, "/bearer", HttpbinAuthRoutes::bearer);
  }

  /** 200 when the request's Basic credentials are the path's; otherwise 401 with a challenge, or 404 when hidden. */
  static void basicAuth(HttpExchange ex, boolean hidden) {
    String user = ex.param("user");
    if (!matches(ex.headers().get(HttpHeaderNames.AUTHORIZATION), user, ex.param("passwd"))) {
      if (hidden) {
        ex.respondEmpty(HttpResponseStatus.NOT_FOUND);
      } else {
        FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.UNAUTHORIZED);
        r.headers().set(HttpHeaderNames.WWW_AUTHENTICATE, BASIC_CHALLENGE);
        ex.respond(r);
      }
      return;
    }
    Map<String, Object> out = new TreeMap<>();
    out.put("authenticated", true);
    out.put("user", user);
    ex.respondJson(HttpResponseStatus.OK, out);
  }

  /** 200 with the token for {@code Authorization: Bearer <token>}; 401 with a Bearer challenge otherwise. */
  static void bearer(HttpExchange ex) {
    String auth = ex.headers().get(HttpHeaderNames.AUTHORIZATION);
    String token = auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7) ? auth.substring(7).trim() : "";
    if (token.isEmpty()) {
      FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.UNAUTHORIZED);
      r.headers().set(HttpHeaderNames.WWW_AUTHENTICATE, "Bearer");
      ex.respond(r);
      return;
    }
    Map<String, Object> out = new TreeMap<>();
    out.put("authenticated", true);
    out.put("token", token);
    ex.respondJson(HttpResponseStatus.OK, out);
  }

  /** Whether {@code authorization} is {@code Basic base64(user:passwd)}; compared in constant time. */
  static boolean matches(String authorization, String user, String passwd) {
    if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
      return false;
    }
    byte[] given;
    try {
      given = Base64.getDecoder().decode(authorization.substring(6).trim());
    } catch (IllegalArgumentException e) {
      return false;
    }
    byte[] expected = (user + ":" + passwd).getBytes(StandardCharsets.UTF_8);
    return MessageDigest.isEqual(given, expected);
  }
}
