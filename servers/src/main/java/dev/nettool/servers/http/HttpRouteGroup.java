package dev.nettool.servers.http;

/** A set of related routes (httpbin endpoints, static mounts, scripted routes) that adds itself to a table. */
@FunctionalInterface
public interface HttpRouteGroup {
  void addTo(HttpRouteTable.Builder table);
}
