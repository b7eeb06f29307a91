package dev.nettool.clients.tcp;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.channel.socket.DuplexChannel;

/**
 * When the peer finishes sending (FIN), finishes the connection as Node's sockets do by default
 * ({@code allowHalfOpen: false}): what was already written goes out, then the connection closes. This is
 * what makes the client exit once the peer has closed, whatever stdin still holds.
 */
final class TcpClientPeerEndHandler extends ChannelInboundHandlerAdapter {

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
    if (evt == ChannelInputShutdownEvent.INSTANCE) {
      if (ctx.channel() instanceof DuplexChannel duplex && duplex.isOutputShutdown()) {
        ctx.close();
      } else {
        ctx.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
      }
    }
    ctx.fireUserEventTriggered(evt);
  }
}
