package dev.nettool.servers.http;

import dev.nettool.protocols.server.Connections;
import dev.nettool.protocols.event.ErrorDetail;
import dev.nettool.protocols.event.EventSink;
import dev.nettool.protocols.event.NetEvents;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/** The pipeline's tail: reports a connection's error as an event and closes that connection only. */
final class HttpErrorReporter extends ChannelInboundHandlerAdapter {
  private final EventSink sink;

  HttpErrorReporter(EventSink sink) {
    this.sink = sink;
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    sink.publish(NetEvents.error(Connections.id(ctx.channel()), "connection", ErrorDetail.of(cause)));
    ctx.close();
  }
}
