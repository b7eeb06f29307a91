package dev.nettool.servers.ws;

/**
 * What a completed opening handshake settled, shown in the {@code connection} event.
 *
 * @param path the request path
 * @param subprotocol the subprotocol chosen, or {@code null} when none was
 * @param origin the {@code Origin} header the client sent, or {@code null}
 */
public record WsHandshake(String path, String subprotocol, String origin) {}
