/**
 * The WebSocket client behind {@code ws-client}: a config record, the client that upgrades a TCP (or TLS)
 * connection, the pipeline's handlers (handshake, frame reporting, control frames, expectations, output), and the
 * pump that turns an input stream into messages.
 */
package dev.nettool.clients.ws;
