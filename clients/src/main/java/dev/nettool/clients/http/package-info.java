/**
 * The HTTP/1.1 client behind {@code http-client}: a config record, the client that runs one exchange (following
 * redirects), the pipeline's handlers, the expectations a response is checked against, and the load generator
 * that drives keep-alive connections and measures latency.
 */
package dev.nettool.clients.http;
