package dev.nettool.servers.http;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/**
 * Closes an HTTP/2 connection when the server drains: the frame codec turns the close into a GOAWAY, lets the
 * streams already open finish, and then closes the connection.
 */
final class Http2Drain extends ChannelInboundHandlerAdapter {
  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
    if (evt == HttpPipelineGate.DRAIN) {
      ctx.close();
    }
    ctx.fireUserEventTriggered(evt);
  }
}
