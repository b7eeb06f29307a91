package dev.nettool.protocols.server;

import dev.nettool.protocols.event.ErrorDetail;
import dev.nettool.protocols.event.EventSink;
import dev.nettool.protocols.event.NetEvents;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/**
 * A connection's pipeline tail: reports its error as an event and closes that connection only. Only the first
 * error is reported, as Node's sockets emit one {@code error}: a reset is often seen twice, by a read and by the
 * write still pending, and the second is the same failure. One instance per connection.
 */
public final class ConnectionErrorReporter extends ChannelInboundHandlerAdapter {
  private final EventSink sink;
  private boolean reported;

  public ConnectionErrorReporter(EventSink sink) {
    this.sink = sink;
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    if (!reported) {
      reported = true;
      sink.publish(NetEvents.error(Connections.id(ctx.channel()), "connection", ErrorDetail.of(cause)));
    }
    ctx.close();
  }
}
