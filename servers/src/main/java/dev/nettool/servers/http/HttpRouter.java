package dev.nettool.servers.http;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Decides who answers a request head: a 401 when {@code --auth} is set and not met, the matching
 * route, or the server's own answers (404 unknown path, 405 with {@code Allow}, 204 for
 * {@code OPTIONS}). Immutable, shared by every connection of a server.
 */
final class HttpRouter {
  private static final List<HttpMethod> EVERY_METHOD = List.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.POST,
      HttpMethod.PUT, HttpMethod.PATCH, HttpMethod.DELETE, HttpMethod.OPTIONS);

  private final HttpRouteTable table;
  private final byte[] credentials;

  /** Who answers: a handler given the whole body, or one the body streams into. */
  sealed interface Target permits Whole, Streamed {
    Map<String, String> params();
  }

  record Whole(HttpHandler handler, Map<String, String> params) implements Target {}

  record Streamed(HttpBodyHandler handler, Map<String, String> params) implements Target {}

  /** @param auth {@code USER:PASS} every request must carry with Basic auth, or {@code null} */
  HttpRouter(HttpRouteTable table, String auth) {
    this.table = table;
    this.credentials = auth == null ? null : auth.getBytes(StandardCharsets.UTF_8);
  }

  /** The target for {@code request}; an absolute-form target ({@code http://host/p}) is first made {@code /p}. */
  Target route(HttpRequest request) {
    String uri = request.uri();
    String origin = originForm(uri);
    if (!origin.equals(uri)) {
      request.setUri(origin);
    }
    if (credentials != null && !authorized(request)) {
      return new Whole(HttpRouter::unauthorized, Map.of());
    }
    if (request.uri().equals("*")) {
      return new Whole(HttpMethod.OPTIONS.equals(request.method())
          ? x -> options(x, new LinkedHashSet<>(EVERY_METHOD)) : HttpRouter::notFound, Map.of());
    }
    String rawPath = rawPath(origin);
    Optional<HttpRouteTable.Match> match = table.match(request.method(), rawPath);
    if (match.isPresent()) {
      HttpRoute route = match.get().route();
      return route.handler() != null
          ? new Whole(route.handler(), match.get().params())
          : new Streamed(route.bodyHandler(), match.get().params());
    }
    Set<HttpMethod> allowed = table.allowed(rawPath);
    if (allowed.isEmpty()) {
      return new Whole(HttpRouter::notFound, Map.of());
    }
    return new Whole(HttpMethod.OPTIONS.equals(request.method())
        ? x -> options(x, allowed) : x -> notAllowed(x, allowed), Map.of());
  }

  /** The target up to its query or fragment, as {@link QueryStringDecoder#rawPath()} has it. */
  private static String rawPath(String uri) {
    for (int i = 0; i < uri.length(); i++) {
      char c = uri.charAt(i);
      if (c == '?' || c == '#') {
        return uri.substring(0, i);
      }
    }
    return uri;
  }

  private static String originForm(String uri) {
    int scheme = uri.indexOf("://");
    if (scheme <= 0 || uri.startsWith("/")) {
      return uri;
    }
    int path = uri.indexOf('/', scheme + 3);
    int query = uri.indexOf('?', scheme + 3);
    if (path < 0 || (query >= 0 && query < path)) {
      return query < 0 ? "/" : "/" + uri.substring(query);
    }
    return uri.substring(path);
  }

  private boolean authorized(HttpRequest request) {
    String header = request.headers().get(HttpHeaderNames.AUTHORIZATION);
    if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
      return false;
    }
    try {
      return MessageDigest.isEqual(Base64.getDecoder().decode(header.substring(6).trim()), credentials);
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /** The JSON body of the server's own error answers: {@code {"status":404,"error":"not found","path":"/x"}}. */
  static Map<String, Object> error(HttpResponseStatus status, String what, HttpExchange x) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("status", status.code());
    body.put("error", what);
    body.put("path", x.path());
    return body;
  }

  private static void unauthorized(HttpExchange x) {
    FullHttpResponse r = json(HttpResponseStatus.UNAUTHORIZED, error(HttpResponseStatus.UNAUTHORIZED, "unauthorized", x));
    r.headers().set(HttpHeaderNames.WWW_AUTHENTICATE, "Basic realm=\"nettool\"");
    x.respond(r);
  }

  private static void notFound(HttpExchange x) {
    x.respondJson(HttpResponseStatus.NOT_FOUND, error(HttpResponseStatus.NOT_FOUND, "not found", x));
  }

  private static void notAllowed(HttpExchange x, Set<HttpMethod> allowed) {
    x.respond(withAllow(json(HttpResponseStatus.METHOD_NOT_ALLOWED,
        error(HttpResponseStatus.METHOD_NOT_ALLOWED, "method not allowed", x)), allowed));
  }

  private static void options(HttpExchange x, Set<HttpMethod> allowed) {
    x.respond(withAllow(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.NO_CONTENT), allowed));
  }

  /** A JSON response as {@link HttpExchange#respondJson} sends it, for answers that need more headers. */
  static FullHttpResponse json(HttpResponseStatus status, Object value) {
    FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
        Unpooled.wrappedBuffer((HttpExchange.json(value) + "\n").getBytes(StandardCharsets.UTF_8)));
    r.headers().set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON);
    return r;
  }

  private static FullHttpResponse withAllow(FullHttpResponse r, Set<HttpMethod> allowed) {
    Set<HttpMethod> all = new LinkedHashSet<>(allowed);
    all.add(HttpMethod.OPTIONS);
    r.headers().set(HttpHeaderNames.ALLOW, all.stream().map(HttpMethod::name).collect(Collectors.joining(", ")));
    return r;
  }
}
