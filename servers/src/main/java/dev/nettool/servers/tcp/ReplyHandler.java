package dev.nettool.servers.tcp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.util.ReferenceCountUtil;

/** Answers every data event with the same fixed reply; finishes when the peer does. */
@Sharable
final class ReplyHandler extends ChannelInboundHandlerAdapter {
  // One read-only buffer shared by all connections; each write gets its own duplicate.
  private final ByteBuf reply;

  ReplyHandler(byte[] reply) {
    this.reply = Unpooled.unreleasableBuffer(Unpooled.wrappedBuffer(reply).asReadOnly());
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    ReferenceCountUtil.release(msg);
    ctx.write(reply.duplicate(), ctx.voidPromise());
  }

  @Override
  public void channelReadComplete(ChannelHandlerContext ctx) {
    ctx.flush();
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
    if (evt == ChannelInputShutdownEvent.INSTANCE) {
      TcpConnections.finish(ctx);
    }
    ctx.fireUserEventTriggered(evt);
  }
}
