package dev.nettool.protocols.server;

import dev.nettool.protocols.transport.Transport;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/**
 * On the listening channel of any stream server: prepares each accepted connection ({@link Transport#prepare})
 * before the acceptor registers it with its event loop. There the epoll pin is a flag for the registration's
 * own {@code epoll_ctl}; from the connection's initializer, after registration, it cost a second one per
 * connection.
 */
@Sharable
public final class AcceptedChannelPreparer extends ChannelInboundHandlerAdapter {
  private final Transport transport;

  public AcceptedChannelPreparer(Transport transport) {
    this.transport = transport;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (msg instanceof Channel accepted) {
      transport.prepare(accepted);
    }
    ctx.fireChannelRead(msg);
  }
}
