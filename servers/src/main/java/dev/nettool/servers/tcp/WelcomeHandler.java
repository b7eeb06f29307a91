package dev.nettool.servers.tcp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/** Writes the {@code --welcome} text when a connection opens, then steps out of the pipeline. */
@Sharable
final class WelcomeHandler extends ChannelInboundHandlerAdapter {
  private final ByteBuf welcome;

  WelcomeHandler(byte[] welcome) {
    this.welcome = Unpooled.unreleasableBuffer(Unpooled.wrappedBuffer(welcome).asReadOnly());
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    ctx.writeAndFlush(welcome.duplicate(), ctx.voidPromise());
    ctx.pipeline().remove(this);
    ctx.fireChannelActive();
  }
}
