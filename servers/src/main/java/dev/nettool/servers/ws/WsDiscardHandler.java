package dev.nettool.servers.ws;

import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;

/** Drops every message; the reporter before it has counted them. */
@Sharable
final class WsDiscardHandler extends ChannelInboundHandlerAdapter {
  static final WsDiscardHandler INSTANCE = new WsDiscardHandler();

  private WsDiscardHandler() {}

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    ReferenceCountUtil.release(msg);
  }
}
