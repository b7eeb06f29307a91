package dev.nettool.clients.ws;

import dev.nettool.clients.ws.WsClientEvents.Direction;
import dev.nettool.protocols.event.EventSink;
import dev.nettool.protocols.event.Verbosity;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;

/**
 * Reports every whole message and control frame, received or sent, as one event, and counts messages into the
 * {@link WsClientState}; at the end it hands the state over as the result. Payloads are rendered only when the
 * events are shown.
 */
final class WsClientReporter extends ChannelDuplexHandler {
  private final EventSink sink;
  private final WsClientState state;

  WsClientReporter(EventSink sink, WsClientState state) {
    this.sink = sink;
    this.state = state;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (msg instanceof WebSocketFrame frame) {
      report(Direction.IN, frame);
    }
    ctx.fireChannelRead(msg);
  }

  @Override
  public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
    if (msg instanceof WebSocketFrame frame) {
      report(Direction.OUT, frame);
    }
    ctx.write(msg, promise);
  }

  private void report(Direction direction, WebSocketFrame frame) {
    boolean text = frame instanceof TextWebSocketFrame;
    if (text || frame instanceof BinaryWebSocketFrame) {
      if (direction == Direction.IN) {
        state.messagesIn++;
      } else {
        state.messagesOut++;
      }
      if (sink.shows(Verbosity.VERBOSE)) {
        sink.publish(WsClientEvents.message(direction, text, frame.content()));
      }
    } else if (!sink.shows(Verbosity.NORMAL)) {
      return;
    } else if (frame instanceof PingWebSocketFrame) {
      sink.publish(WsClientEvents.control("ping", direction, frame.content()));
    } else if (frame instanceof PongWebSocketFrame) {
      sink.publish(WsClientEvents.control("pong", direction, frame.content()));
    } else if (frame instanceof CloseWebSocketFrame close) {
      sink.publish(WsClientEvents.close(direction, WsClientCloseHandler.code(close), WsClientCloseHandler.reason(close)));
    }
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    if (state.upgraded().isDone() && !state.upgraded().isCompletedExceptionally() && state.closeCode == null
        && !state.closeStarted.get()) {
      state.fail("the connection closed without a close frame (1006)", false);
    }
    state.closed();
    ctx.fireChannelInactive();
  }
}
