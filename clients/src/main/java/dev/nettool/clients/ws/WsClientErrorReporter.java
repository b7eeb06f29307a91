package dev.nettool.clients.ws;

import dev.nettool.protocols.ExitCode;
import dev.nettool.protocols.NettoolException;
import dev.nettool.protocols.event.ErrorDetail;
import dev.nettool.protocols.event.EventSink;
import dev.nettool.protocols.event.NetEvents;
import dev.nettool.protocols.tls.TlsFailures;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;

/**
 * The pipeline's tail: before the upgrade, fails it (exit 5 for TLS); after, records the connection's first
 * error for the result and reports it. A message over the limit is answered with close 1009; a frame the decoder
 * found broken has been answered by the decoder.
 */
final class WsClientErrorReporter extends ChannelInboundHandlerAdapter {
  private final EventSink sink;
  private final WsClientState state;
  private final long maxMessage;

  WsClientErrorReporter(EventSink sink, WsClientState state, long maxMessage) {
    this.sink = sink;
    this.state = state;
    this.maxMessage = maxMessage;
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    boolean tls = TlsFailures.isTls(cause);
    if (!state.upgraded().isDone()) {
      state.upgraded().completeExceptionally(tls
          ? new NettoolException(ExitCode.TLS, "tls", TlsFailures.describe(cause), cause)
          : new NettoolException(ExitCode.FAILURE, "ws-client", "upgrade failed: " + ErrorDetail.of(cause), cause));
      ctx.close();
      return;
    }
    if (state.expectationMet || state.closeCode != null || state.error != null) {
      ctx.close(); // the exchange is over: a reset as the connection closes changes nothing about it
      return;
    }
    String detail = tls ? TlsFailures.describe(cause) : describe(cause);
    sink.publish(NetEvents.error(WsClientHandshakeHandler.ID, tls ? "tls" : "connection", detail));
    state.fail(detail, tls);
    if (cause instanceof TooLongFrameException && state.closeStarted.compareAndSet(false, true)) {
      ctx.writeAndFlush(new CloseWebSocketFrame(WebSocketCloseStatus.MESSAGE_TOO_BIG))
          .addListener(ChannelFutureListener.CLOSE);
    } else {
      ctx.close();
    }
  }

  private String describe(Throwable cause) {
    if (cause instanceof TooLongFrameException || cause instanceof CorruptedWebSocketFrameException c
        && c.closeStatus() != null && c.closeStatus().code() == WebSocketCloseStatus.MESSAGE_TOO_BIG.code()) {
      return "a message larger than --max-message (" + maxMessage + " bytes) arrived: closed with 1009";
    }
    if (cause instanceof CorruptedWebSocketFrameException c) {
      return "protocol error from the server: " + c.getMessage();
    }
    return ErrorDetail.of(cause);
  }
}
