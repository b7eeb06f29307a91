package dev.nettool.servers.ws;

import dev.nettool.protocols.event.ErrorDetail;
import dev.nettool.protocols.event.EventSink;
import dev.nettool.protocols.event.NetEvents;
import dev.nettool.protocols.server.Connections;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.PrematureChannelClosureException;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;

/**
 * The session's tail: turns what went wrong into the close code RFC 6455 asks for. A corrupt frame was already
 * answered where it was found; a message over {@code --max-message} gets 1009, another decoding failure (bad
 * deflate data) 1002; anything else (a reset) is an error event, the connection's first only, and the connection
 * just closes.
 */
final class WsErrorCloser extends ChannelInboundHandlerAdapter {
  private final EventSink sink;
  private boolean reported;

  WsErrorCloser(EventSink sink) {
    this.sink = sink;
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    // A corrupt frame was answered where it was found; a message cut short by the close shows as code 1006.
    if (cause instanceof CorruptedWebSocketFrameException || cause instanceof PrematureChannelClosureException) {
      return;
    }
    if (cause instanceof TooLongFrameException) {
      close(ctx, WebSocketCloseStatus.MESSAGE_TOO_BIG, "message too big: " + cause.getMessage());
    } else if (cause instanceof DecoderException) {
      close(ctx, WebSocketCloseStatus.PROTOCOL_ERROR, "undecodable frame");
    } else {
      // The first only: a reset is often seen twice, by a read and by the write still pending.
      if (!reported) {
        reported = true;
        sink.publish(NetEvents.error(Connections.id(ctx.channel()), "connection", ErrorDetail.of(cause)));
      }
      ctx.close();
    }
  }

  private static void close(ChannelHandlerContext ctx, WebSocketCloseStatus status, String reason) {
    ctx.writeAndFlush(new CloseWebSocketFrame(status, reason)).addListener(ChannelFutureListener.CLOSE);
  }
}
