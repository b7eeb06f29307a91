package dev.nettool.servers.ws;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.websocketx.WebSocket13FrameDecoder;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketFrameDecoder;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker13;

/**
 * Netty's version 13 handshake, with a frame decoder that leaves the Close frame's body to {@link WsCloseFrameCheck}:
 * Netty's own check answers an invalid code (1005, 999) with no Close frame at all, and lets 5000 through.
 */
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
    return new CloseBodyUnchecked(decoderConfig());
  }

  /**
   * The frame decoder minus its Close body check, and with a composite cumulation: a frame that spans many
   * reads (a 1 MB message comes in dozens) is gathered without copying each read into one growing buffer;
   * the decoder copies the payload out once either way.
   */
  private static final class CloseBodyUnchecked extends WebSocket13FrameDecoder {
    CloseBodyUnchecked(WebSocketDecoderConfig config) {
      super(config);
      setCumulator(COMPOSITE_CUMULATOR);
    }

    @Override
    protected void checkCloseFrameBody(ChannelHandlerContext ctx, ByteBuf buffer) {
      // WsCloseFrameCheck, after this decoder, answers a bad body with a Close of its own.
    }
  }
}
