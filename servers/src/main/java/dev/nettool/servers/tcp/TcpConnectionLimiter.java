package dev.nettool.servers.tcp;

import dev.nettool.protocols.server.Connections;
import dev.nettool.protocols.address.Endpoint;
import dev.nettool.protocols.event.EventSink;
import dev.nettool.protocols.event.NetEvents;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/** Numbers each accepted connection and drops, at once and with a {@code drop} event, those over {@code --max-connections}. */
final class TcpConnectionLimiter extends ChannelInboundHandlerAdapter {
  private final TcpServerStats stats;
  private final EventSink sink;
  private final int max;
  private final Endpoint listen;
  private boolean dropped;

  TcpConnectionLimiter(TcpServerStats stats, EventSink sink, int max, Endpoint listen) {
    this.stats = stats;
    this.sink = sink;
    this.max = max;
    this.listen = listen;
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    long id = stats.nextId();
    ctx.channel().attr(Connections.ID).set(id);
    stats.channels().add(ctx.channel());
    int open = stats.opened();
    if (max > 0 && open > max) {
      dropped = true;
      ctx.channel().config().setAutoRead(false);
      sink.publish(NetEvents.drop(id, Connections.remote(ctx.channel(), listen), "max-connections=" + max));
      ctx.close();
      return;
    }
    ctx.pipeline().remove(this);
    ctx.fireChannelActive();
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (dropped) {
      io.netty.util.ReferenceCountUtil.release(msg);
      return;
    }
    ctx.fireChannelRead(msg);
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    if (dropped) {
      stats.dropped();
      return;
    }
    ctx.fireChannelInactive();
  }
}
