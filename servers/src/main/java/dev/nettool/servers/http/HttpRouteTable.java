package dev.nettool.servers.http;

import io.netty.handler.codec.http.HttpMethod;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The server's routes in the order they were added; the first that matches method and path wins, so
 * scripted routes, added first, win over the built-in endpoints. Immutable once built.
 */
public final class HttpRouteTable {
  private final List<HttpRoute> routes;

  private HttpRouteTable(List<HttpRoute> routes) {
    this.routes = List.copyOf(routes);
  }

  /** A route and the path parameters it matched with. */
  public record Match(HttpRoute route, Map<String, String> params) {}

  /** The first route that takes {@code method} on {@code rawPath}. */
  public Optional<Match> match(HttpMethod method, String rawPath) {
    for (HttpRoute r : routes) {
      if (r.accepts(method)) {
        Optional<Map<String, String>> params = r.path().match(rawPath);
        if (params.isPresent()) {
          return Optional.of(new Match(r, params.get()));
        }
      }
    }
    return Optional.empty();
  }

  /**
   * The methods routes take on {@code rawPath}, for a 405's {@code Allow} header; empty when no route has
   * the path at all (a 404). A route for any method yields every common method.
   */
  public Set<HttpMethod> allowed(String rawPath) {
    Set<HttpMethod> allowed = new LinkedHashSet<>();
    for (HttpRoute r : routes) {
      if (r.path().match(rawPath).isPresent()) {
        if (r.method() == null) {
          allowed.addAll(List.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH,
              HttpMethod.DELETE, HttpMethod.OPTIONS));
        } else {
          allowed.add(r.method());
          if (HttpMethod.GET.equals(r.method())) {
            allowed.add(HttpMethod.HEAD);
          }
        }
      }
    }
    return allowed;
  }

  public List<HttpRoute> routes() {
    return routes;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Collects routes in order. */
  public static final class Builder {
    private final List<HttpRoute> routes = new ArrayList<>();

    public Builder add(HttpRoute route) {
      routes.add(route);
      return this;
    }

    public Builder add(HttpMethod method, String path, HttpHandler handler) {
      return add(HttpRoute.of(method, path, handler));
    }

    public Builder addAll(HttpRouteGroup group) {
      group.addTo(this);
      return this;
    }

    public HttpRouteTable build() {
      return new HttpRouteTable(routes);
    }
  }
}
