package dev.nettool.servers.tcp;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.socket.DuplexChannel;
import io.netty.handler.ssl.SslHandler;

/** The half-close finish every TCP mode shares. */
final class TcpConnections {
  private TcpConnections() {}

  /**
   * Finishes our side after everything written so far has gone out: FIN, then close. This is what
   * {@code socket.end()} does after the peer's FIN in Node's {@code socket.pipe(socket)}. Over TLS the finish
   * is a close: the TLS layer sends close_notify, then closes.
   */
  static void finish(ChannelHandlerContext ctx) {
    boolean tls = ctx.pipeline().get(SslHandler.class) != null;
    ctx.writeAndFlush(io.netty.buffer.Unpooled.EMPTY_BUFFER).addListener((ChannelFutureListener) f -> {
      if (!tls && f.channel() instanceof DuplexChannel duplex && f.isSuccess()) {
        duplex.shutdownOutput().addListener(ChannelFutureListener.CLOSE);
      } else {
        f.channel().close();
      }
    });
  }
}
