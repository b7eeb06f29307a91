package dev.nettool.servers.tcp;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;

/**
 * Sends {@code size} bytes of the chargen pattern as fast as the peer reads them, then finishes
 * and closes. Writes stop whenever the channel is not writable and go on when it drains.
 */
final class SourceHandler extends ChannelInboundHandlerAdapter {
  private static final int CHUNK = 64 * 1024;
  private final long size;
  private long sent;
  private boolean finished;

  SourceHandler(long size) {
    this.size = size;
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    ctx.fireChannelActive();
    pump(ctx);
  }

  @Override
  public void channelWritabilityChanged(ChannelHandlerContext ctx) {
    pump(ctx);
    ctx.fireChannelWritabilityChanged();
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    ReferenceCountUtil.release(msg);
  }

  private void pump(ChannelHandlerContext ctx) {
    while (sent < size && ctx.channel().isWritable()) {
      // Slices of the shared cycle are at most one cycle long; gather them into one write.
      int want = (int) Math.min(CHUNK, size - sent);
      var chunk = ctx.alloc().compositeBuffer();
      int got = 0;
      while (got < want) {
        var part = Chargen.slice(sent + got, want - got);
        chunk.addComponent(true, part);
        got += part.readableBytes();
      }
      sent += got;
      ctx.write(chunk, ctx.voidPromise());
    }
    ctx.flush();
    if (sent >= size && !finished) {
      finished = true;
      TcpConnections.finish(ctx);
    }
  }
}
