package dev.nettool.servers.http;

import dev.nettool.protocols.event.EventSink;
import java.time.Clock;

/**
 * The server's whole route table, in precedence order: scripted routes first (they win), then static
 * mounts under a prefix, then the built-in test endpoints, and last a mount at {@code /} (so a file
 * never hides an endpoint, and {@code /} is the directory's index when a root is mounted, the endpoint
 * list otherwise).
 */
final class HttpServerRoutes {
  private HttpServerRoutes() {}

  static HttpRouteTable build(HttpServerConfig config) {
    return build(config, EventSink.discard());
  }

  /** The table, with WebSocket routes whose sessions publish to {@code sink}. */
  static HttpRouteTable build(HttpServerConfig config, EventSink sink) {
    HttpRouteTable.Builder table = HttpRouteTable.builder();
    HttpStaticFiles files = new HttpStaticFiles(config);
    config.routes().forEach(table::add);
    table.addAll(files.prefixMounts());
    table.addAll(new HttpbinEchoRoutes());
    table.addAll(new HttpbinResponseRoutes());
    table.addAll(new HttpbinRedirectRoutes());
    table.addAll(new HttpbinAuthRoutes());
    table.addAll(new HttpbinCookieRoutes());
    table.addAll(new HttpbinCacheRoutes());
    table.addAll(new HttpbinStreamRoutes(Clock.systemUTC()));
    table.addAll(HttpbinSessionRoutes.of(config));
    table.addAll(HttpUploadRoutes.withDiskThread());
    table.addAll(new HttpItemRoutes(new HttpItemStore(HttpItemRoutes.MAX_ITEMS)));
    table.addAll(new HttpWsRoutes(sink, config.listen()));
    // The endpoint list is "/" only when no directory is mounted there (then "/" is its index).
    if (config.mounts().stream().noneMatch(m -> m.prefix().equals("/"))) {
      table.addAll(new HttpbinIndex());
    }
    table.addAll(files.rootMount());
    return table.build();
  }
}
