package dev.nettool.clients.ws;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;

/**
 * Answers the server's close frame: records its code and reason; when it answers ours, closes the connection;
 * when the server started the close, echoes its code back first, as RFC 6455 asks.
 */
final class WsClientCloseHandler extends ChannelInboundHandlerAdapter {
  /** "No status received": what a close frame without a code stands for. */
  static final int NO_STATUS = 1005;

  private final WsClientState state;

  WsClientCloseHandler(WsClientState state) {
    this.state = state;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (!(msg instanceof CloseWebSocketFrame close)) {
      ctx.fireChannelRead(msg);
      return;
    }
    int code = code(close);
    state.closeCode = code;
    state.closeReason = reason(close);
    close.release();
    if (!state.closeStarted.compareAndSet(false, true)) {
      ctx.close(); // the answer to ours
      return;
    }
    state.serverClosed = true;
    CloseWebSocketFrame answer = code == NO_STATUS ? new CloseWebSocketFrame() : new CloseWebSocketFrame(code, "");
    ctx.writeAndFlush(answer).addListener(ChannelFutureListener.CLOSE);
  }

  /** The frame's status code, or 1005 when it carries none. */
  static int code(CloseWebSocketFrame close) {
    int code = close.statusCode();
    return code < 0 ? NO_STATUS : code;
  }

  /** The frame's reason, empty when it carries none. */
  static String reason(CloseWebSocketFrame close) {
    String reason = close.statusCode() < 0 ? null : close.reasonText();
    return reason == null ? "" : reason;
  }
}
