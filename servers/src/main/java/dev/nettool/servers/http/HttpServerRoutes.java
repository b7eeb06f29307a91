package dev.nettool.servers.http;

/**
 * The server's whole route table, in precedence order: scripted routes first (they win), then static
 * mounts under a prefix, then the built-in test endpoints, and last a mount at {@code /} (so a file
 * never hides an endpoint, and {@code /} is the directory's index when a root is mounted, the endpoint
 * list otherwise).
 */
final class HttpServerRoutes {
  private HttpServerRoutes() {}

  static HttpRouteTable build(HttpServerConfig config) {
    HttpRouteTable.Builder table = HttpRouteTable.builder();
    HttpStaticFiles files = new HttpStaticFiles(config);
    config.routes().forEach(table::add);
    table.addAll(files.prefixMounts());
    table.addAll(files.rootMount());
    return table.build();
  }
}
