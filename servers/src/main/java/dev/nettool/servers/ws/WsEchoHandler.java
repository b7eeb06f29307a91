package dev.nettool.servers.ws;

import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/** Writes every message back as the frame it arrived in, without copying, flushing once per read burst. */
@Sharable
final class WsEchoHandler extends ChannelInboundHandlerAdapter {
  static final WsEchoHandler INSTANCE = new WsEchoHandler();

  private WsEchoHandler() {}

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    ctx.write(msg, ctx.voidPromise());
  }

  @Override
  public void channelReadComplete(ChannelHandlerContext ctx) {
    ctx.flush();
  }
}
