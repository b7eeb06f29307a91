package dev.nettool.clients.ws;

/**
 * How a WebSocket connection ended, known once it is closed and everything it received has been written out.
 *
 * @param messagesIn text and binary messages received
 * @param messagesOut text and binary messages sent
 * @param closeCode the code of the server's close frame ({@code 1005} when it carried none), or {@code null} when
 *     the connection ended without one
 * @param closeReason the reason in the server's close frame, empty when none
 * @param serverClosed whether the server started the close handshake (rather than answering ours)
 * @param expectationMet whether the expectation, if there was one, was met
 * @param error what went wrong ({@code Connection reset by peer}, a message over the limit), or {@code null}
 * @param tlsFailed whether {@code error} is a TLS failure
 */
public record WsClientResult(long messagesIn, long messagesOut, Integer closeCode, String closeReason,
    boolean serverClosed, boolean expectationMet, String error, boolean tlsFailed) {}
