package dev.nettool.clients.tcp;

import java.util.Optional;

/**
 * How a connection ended, known once it is closed and everything it received has been written out.
 *
 * @param bytesIn bytes received
 * @param bytesOut bytes sent
 * @param peerEnded whether the peer finished sending (FIN) before the connection closed
 * @param expectationMet whether the expectation, if there was one, was met
 * @param error what went wrong ({@code Connection reset by peer}, a failed stdout), or {@code null}
 * @param tlsFailed whether {@code error} is a TLS failure (the peer refused our certificate after the handshake)
 */
public record TcpClientResult(long bytesIn, long bytesOut, boolean peerEnded, boolean expectationMet, String error,
    boolean tlsFailed) {

  /** A result whose error, if any, is no TLS failure. */
  public TcpClientResult(long bytesIn, long bytesOut, boolean peerEnded, boolean expectationMet, String error) {
    this(bytesIn, bytesOut, peerEnded, expectationMet, error, false);
  }

  /** What went wrong, if anything did. */
  public Optional<String> failure() {
    return Optional.ofNullable(error);
  }
}
