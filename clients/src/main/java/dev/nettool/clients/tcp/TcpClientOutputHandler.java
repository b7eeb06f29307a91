package dev.nettool.clients.tcp;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;

/** Hands every received buffer to the {@link TcpClientOutputPump}, which writes it out off the event loop. */
final class TcpClientOutputHandler extends ChannelInboundHandlerAdapter {
  private final TcpClientOutputPump pump;

  TcpClientOutputHandler(TcpClientOutputPump pump) {
    this.pump = pump;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (msg instanceof ByteBuf buf) {
      pump.offer(ctx.channel(), buf);
    } else {
      ReferenceCountUtil.release(msg);
    }
  }
}
