package dev.nettool.servers.http;

/**
 * What a route does with a request whose body has been read whole (up to {@code --max-body}). It runs
 * on the connection's event loop: it must answer through the exchange at once or schedule work, never
 * block.
 */
@FunctionalInterface
public interface HttpHandler {
  void handle(HttpExchange exchange) throws Exception;
}
