package dev.nettool.servers.tcp;

import dev.nettool.protocols.server.Connections;
import dev.nettool.protocols.event.EventSink;
import dev.nettool.protocols.event.NetEvents;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.timeout.IdleStateEvent;
import java.time.Duration;

/** Closes a connection that {@link io.netty.handler.timeout.IdleStateHandler} found idle, with a {@code timeout} event. */
final class TcpIdleCloser extends ChannelInboundHandlerAdapter {
  private final EventSink sink;
  private final Duration idle;

  TcpIdleCloser(EventSink sink, Duration idle) {
    this.sink = sink;
    this.idle = idle;
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
    if (evt instanceof IdleStateEvent) {
      sink.publish(NetEvents.timeout(Connections.id(ctx.channel()), "idle", idle));
      ctx.close();
      return;
    }
    ctx.fireUserEventTriggered(evt);
  }
}
