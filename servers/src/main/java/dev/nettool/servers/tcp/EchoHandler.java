package dev.nettool.servers.tcp;

import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;

/**
 * Writes every buffer back as it came, without copying, flushing once per read burst. On the
 * peer's FIN, what is pending goes out and then our side finishes, as {@code socket.pipe(socket)}.
 * {@link TcpBackPressureHandler} before it keeps a peer that does not read from growing our buffers.
 */
@Sharable
final class EchoHandler extends ChannelInboundHandlerAdapter {
  static final EchoHandler INSTANCE = new EchoHandler();

  private EchoHandler() {}

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    ctx.write(msg, ctx.voidPromise());
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
