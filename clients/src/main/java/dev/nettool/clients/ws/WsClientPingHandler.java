package dev.nettool.clients.ws;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;

/** Answers every ping with a pong carrying its payload; pongs (already reported) end here. */
final class WsClientPingHandler extends ChannelInboundHandlerAdapter {
  private final WsClientState state;

  WsClientPingHandler(WsClientState state) {
    this.state = state;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (msg instanceof PingWebSocketFrame ping) {
      if (state.closeSent) {
        ping.release(); // after our close frame nothing else may be sent
      } else {
        ctx.writeAndFlush(new PongWebSocketFrame(ping.content()));
      }
    } else if (msg instanceof PongWebSocketFrame pong) {
      pong.release();
    } else {
      ctx.fireChannelRead(msg);
    }
  }
}
