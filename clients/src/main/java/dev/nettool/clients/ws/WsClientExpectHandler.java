package dev.nettool.clients.ws;

import dev.nettool.protocols.expect.Expectation;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;

/**
 * Matches each received message, on its own, against the expectation; the message that meets it is passed on,
 * then the close handshake starts, and messages arriving after it are dropped.
 */
final class WsClientExpectHandler extends ChannelInboundHandlerAdapter {
  private final Expectation expectation;
  private final WsClientState state;
  private final WsClientCloser closer;
  private final int closeCode;
  private final String closeReason;

  WsClientExpectHandler(Expectation expectation, WsClientState state, WsClientCloser closer, int closeCode,
      String closeReason) {
    this.expectation = expectation;
    this.state = state;
    this.closer = closer;
    this.closeCode = closeCode;
    this.closeReason = closeReason;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (!(msg instanceof TextWebSocketFrame || msg instanceof BinaryWebSocketFrame)) {
      ctx.fireChannelRead(msg);
      return;
    }
    if (state.expectationMet) {
      ReferenceCountUtil.release(msg);
      return;
    }
    boolean met = expectation.feedMessage(((WebSocketFrame) msg).content().toString(StandardCharsets.UTF_8));
    ctx.fireChannelRead(msg);
    if (met) {
      state.expectationMet = true;
      closer.start(ctx.channel(), closeCode, closeReason);
    }
  }
}
