package dev.nettool.servers.ws;

import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketFrameDecoder;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker13;

/** Netty's version 13 handshake, with nettool's frame decoder ({@link WsFrameDecoder}). */
public final class WsHandshaker extends WebSocketServerHandshaker13 {

  /**
   * @param uri the request URI (Netty keeps it; version 13 does not use it)
   * @param subprotocols the offered subprotocols, comma separated, or {@code null}
   */
  public WsHandshaker(String uri, String subprotocols, WebSocketDecoderConfig decoder) {
    super(uri, subprotocols, decoder);
  }

  /**
   * The frame decoder's rules: masked client frames, 1002/1007/1009 answered with a Close, reserved bits refused
   * unless an extension may use them. A single frame is also bounded by the message limit: the aggregator passes
   * an unfragmented message through without measuring it.
   */
  public static WebSocketDecoderConfig decoderConfig(int maxFrame, int maxMessage, boolean extensions) {
    return WebSocketDecoderConfig.newBuilder()
        .maxFramePayloadLength(Math.min(maxFrame, maxMessage))
        .expectMaskedFrames(true)
        .allowMaskMismatch(false)
        .allowExtensions(extensions)
        .closeOnProtocolViolation(true)
        .withUTF8Validator(false) // the session installs its own, after permessage-deflate
        .build();
  }

  @Override
  protected WebSocketFrameDecoder newWebsocketDecoder() {
    return new WsFrameDecoder(decoderConfig());
  }
}
