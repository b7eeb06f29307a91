/**
 * The HTTP server: its config, the pipeline (TLS, HTTP/1.1 codec or HTTP/2 frame codec with a stream lane per
 * open stream, kept for the connection's later streams; limits, timeouts, compression, CORS), the route table
 * that maps a method and path to a handler, the exchange handlers answer through, and the endpoint groups
 * (httpbin-compatible test endpoints, static files, scripted routes).
 */
package dev.nettool.servers.http;
