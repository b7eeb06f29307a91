package dev.nettool.clients.ws;

import dev.nettool.protocols.expect.Expectation;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;

/**
 * What one run does with a connection: how received messages are written, when the client itself closes, and
 * with which close frame.
 *
 * @param format how each received message becomes output bytes
 * @param expectation close once a message meets it; {@code null} for none (it holds state: one per run)
 * @param count close after this many messages received; 0 for no limit
 * @param closeCode the code of every close frame the client starts
 * @param closeReason the reason of every close frame the client starts
 */
public record WsClientRun(WsMessageFormat format, Expectation expectation, long count, int closeCode,
    String closeReason) {

  public WsClientRun {
    if (count < 0) {
      throw new IllegalArgumentException("count must not be negative");
    }
    if (!WebSocketCloseStatus.isValidStatusCode(closeCode)) {
      throw new IllegalArgumentException("close code " + closeCode + " may not be sent");
    }
    closeReason = closeReason == null ? "" : closeReason;
  }

  /** Writes messages with {@code format}, closes with 1000 when told to. */
  public static WsClientRun of(WsMessageFormat format) {
    return new WsClientRun(format, null, 0, WebSocketCloseStatus.NORMAL_CLOSURE.code(), "");
  }

  public WsClientRun withExpectation(Expectation expectation) {
    return new WsClientRun(format, expectation, count, closeCode, closeReason);
  }

  public WsClientRun withCount(long count) {
    return new WsClientRun(format, expectation, count, closeCode, closeReason);
  }

  public WsClientRun withClose(int closeCode, String closeReason) {
    return new WsClientRun(format, expectation, count, closeCode, closeReason);
  }
}
