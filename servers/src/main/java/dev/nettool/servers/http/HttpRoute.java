package dev.nettool.servers.http;

import io.netty.handler.codec.http.HttpMethod;
import java.util.Objects;

/**
 * One entry of the route table: a method ({@code null} for any), a path pattern, and either a handler
 * for a request read whole or a body handler for one streamed in. A GET route answers HEAD too; the
 * codec drops the body and keeps the headers.
 */
public record HttpRoute(HttpMethod method, HttpPathPattern path, HttpHandler handler, HttpBodyHandler bodyHandler) {

  public HttpRoute {
    Objects.requireNonNull(path, "path");
    if ((handler == null) == (bodyHandler == null)) {
      throw new IllegalArgumentException("a route needs exactly one of handler and bodyHandler: " + path);
    }
  }

  /** A route for {@code method} (null: any) on {@code path} whose body is read whole first. */
  public static HttpRoute of(HttpMethod method, String path, HttpHandler handler) {
    return new HttpRoute(method, HttpPathPattern.parse(path), handler, null);
  }

  /** A route whose body streams into the sink {@code bodyHandler} opens. */
  public static HttpRoute streaming(HttpMethod method, String path, HttpBodyHandler bodyHandler) {
    return new HttpRoute(method, HttpPathPattern.parse(path), null, bodyHandler);
  }

  /** Whether this route takes requests of {@code m}: its own method, any method, or HEAD on a GET route. */
  public boolean accepts(HttpMethod m) {
    return method == null || method.equals(m) || (HttpMethod.HEAD.equals(m) && HttpMethod.GET.equals(method));
  }
}
