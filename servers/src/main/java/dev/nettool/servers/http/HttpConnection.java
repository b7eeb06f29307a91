package dev.nettool.servers.http;

import java.net.SocketAddress;

/**
 * What the exchanges of one connection share: its number (as in the events), the peer's address, and
 * whether it came over TLS.
 */
public record HttpConnection(long id, SocketAddress remote, boolean secure) {}
