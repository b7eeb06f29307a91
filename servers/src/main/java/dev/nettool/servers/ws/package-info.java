/**
 * The WebSocket server: {@link dev.nettool.servers.ws.WsServerConfig} → {@link dev.nettool.servers.ws.WsServer}
 * → {@code WsServerInitializer} (HTTP upgrade) → {@link dev.nettool.servers.ws.WsSession} (the RFC 6455 session
 * stack, reusable by any HTTP server after a completed handshake) → one handler per mode (echo, broadcast, discard).
 */
package dev.nettool.servers.ws;
