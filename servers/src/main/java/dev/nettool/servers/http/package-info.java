/**
 * The HTTP server: its config, the pipeline (codec, limits, timeouts, compression, CORS), the route
 * table that maps a method and path to a handler, the exchange handlers answer through, and the
 * endpoint groups (httpbin-compatible test endpoints, static files, scripted routes).
 */
package dev.nettool.servers.http;
