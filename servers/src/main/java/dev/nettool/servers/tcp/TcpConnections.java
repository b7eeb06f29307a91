package dev.nettool.servers.tcp;

import dev.nettool.protocols.address.Endpoint;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.socket.DuplexChannel;
import io.netty.util.AttributeKey;

/** The connection number a channel was given, its peer's address, and the half-close finish every mode shares. */
final class TcpConnections {
  /** The number shown as {@code #3} in events, set when the connection is accepted. */
  static final AttributeKey<Long> ID = AttributeKey.valueOf("nettool.tcp.id");

  private TcpConnections() {}

  static long id(Channel ch) {
    Long id = ch.attr(ID).get();
    return id == null ? 0 : id;
  }

  /** The remote end; Unix domain peers are usually unnamed and show as the socket path. */
  static Endpoint remote(Channel ch, Endpoint listen) {
    try {
      Endpoint e = Endpoint.of(ch.remoteAddress());
      if (e instanceof Endpoint.Unix u && (u.path() == null || u.path().toString().isEmpty())) {
        return listen;
      }
      return e;
    } catch (RuntimeException e) {
      // an address type we do not name (an embedded test channel): show where we listen
      return listen;
    }
  }

  /**
   * Finishes our side after everything written so far has gone out: FIN, then close. This is what
   * {@code socket.end()} does after the peer's FIN in Node's {@code socket.pipe(socket)}.
   */
  static void finish(ChannelHandlerContext ctx) {
    ctx.writeAndFlush(io.netty.buffer.Unpooled.EMPTY_BUFFER).addListener((ChannelFutureListener) f -> {
      if (f.channel() instanceof DuplexChannel duplex && f.isSuccess()) {
        duplex.shutdownOutput().addListener(ChannelFutureListener.CLOSE);
      } else {
        f.channel().close();
      }
    });
  }
}
