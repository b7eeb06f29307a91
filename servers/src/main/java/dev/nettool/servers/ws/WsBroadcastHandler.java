package dev.nettool.servers.ws;

import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.group.ChannelGroup;

/**
 * Sends every message to every open session of the group, the sender included, as a duplicate of the same buffer.
 * A receiver that does not read grows only its own write buffer; the sender is slowed only by its own.
 */
@Sharable
final class WsBroadcastHandler extends ChannelInboundHandlerAdapter {
  private final ChannelGroup sessions;

  WsBroadcastHandler(ChannelGroup sessions) {
    this.sessions = sessions;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    // The group writes a retained duplicate to each channel and releases the original.
    sessions.writeAndFlush(msg);
  }
}
