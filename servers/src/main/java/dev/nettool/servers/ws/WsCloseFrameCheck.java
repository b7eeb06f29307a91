package dev.nettool.servers.ws;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Fails a peer's Close frame whose body is wrong (RFC 6455 5.5.1, 7.4): one byte, or a code no endpoint may send
 * (below 1000, 1004-1006, 1012-2999, 5000 and up), with 1002; a reason that is not UTF-8 with 1007.
 */
@Sharable
final class WsCloseFrameCheck extends ChannelInboundHandlerAdapter {
  static final WsCloseFrameCheck INSTANCE = new WsCloseFrameCheck();

  private WsCloseFrameCheck() {}

  /**
   * Whether a peer may send {@code code}: those RFC 6455 defines and 3000-4999. IANA registered 1012-1014 later;
   * the Autobahn suite still expects them refused (cases 7.9.6-7.9.8), and so are they here.
   */
  static boolean sendable(int code) {
    return code >= 1000 && code <= 1003 || code >= 1007 && code <= 1011 || code >= 3000 && code <= 4999;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (msg instanceof CloseWebSocketFrame close) {
      WebSocketCloseStatus status = null;
      String reason = null;
      ByteBuf body = close.content();
      if (body.readableBytes() == 1) {
        status = WebSocketCloseStatus.PROTOCOL_ERROR;
        reason = "close frame with a one-byte body";
      } else if (body.readableBytes() >= 2 && !sendable(body.getUnsignedShort(body.readerIndex()))) {
        status = WebSocketCloseStatus.PROTOCOL_ERROR;
        reason = "close code " + body.getUnsignedShort(body.readerIndex()) + " may not be sent";
      } else if (body.readableBytes() > 2 && !utf8(body)) {
        status = WebSocketCloseStatus.INVALID_PAYLOAD_DATA;
        reason = "close reason is not UTF-8";
      }
      if (status != null) {
        close.release();
        ctx.writeAndFlush(new CloseWebSocketFrame(status, reason)).addListener(ChannelFutureListener.CLOSE);
        ctx.fireExceptionCaught(new CorruptedWebSocketFrameException(status, reason));
        return;
      }
    }
    ctx.fireChannelRead(msg);
  }

  private static boolean utf8(ByteBuf body) {
    try {
      StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(body.nioBuffer(body.readerIndex() + 2, body.readableBytes() - 2));
      return true;
    } catch (CharacterCodingException e) {
      return false;
    }
  }
}
