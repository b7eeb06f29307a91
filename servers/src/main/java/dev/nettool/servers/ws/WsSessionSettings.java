package dev.nettool.servers.ws;

import java.time.Duration;

/**
 * How one WebSocket session behaves once the handshake is done, whoever accepted it ({@code ws-server} or an
 * HTTP route).
 *
 * @param mode what to do with each message
 * @param maxMessage the largest message, reassembled from its fragments, in bytes; larger closes with 1009
 * @param pingInterval how often to ping the peer, which must answer before the next ping; {@code null}: never
 */
public record WsSessionSettings(WsMode mode, int maxMessage, Duration pingInterval) {}
