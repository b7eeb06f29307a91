/**
 * The HTTP/1.1 and HTTP/2 client behind {@code http-client}, plain or over TLS: a config record, the client that
 * runs one exchange (following redirects across http and https), the pipeline's handlers (an HTTP/2 stream
 * carries the same response handlers as an HTTP/1.1 connection), the expectations a response is checked
 * against, and the load generator that drives keep-alive connections (or HTTP/2 streams) and measures latency.
 */
package dev.nettool.clients.http;
