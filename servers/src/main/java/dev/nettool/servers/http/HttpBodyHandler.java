package dev.nettool.servers.http;

/**
 * A route that takes the request body as it streams in rather than whole (uploads): it sees the head
 * first and returns where the body's chunks go. Runs on the event loop.
 */
@FunctionalInterface
public interface HttpBodyHandler {
  HttpBodySink open(HttpExchange exchange) throws Exception;
}
