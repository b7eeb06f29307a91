package dev.nettool.servers.ws;

import dev.nettool.protocols.event.EventSink;
import dev.nettool.protocols.event.NetEvents;
import dev.nettool.protocols.server.Connections;
import dev.nettool.protocols.tls.TlsFailures;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;

/**
 * Numbers each accepted connection and keeps it in the server's group until it closes; one that never became a
 * session (a refused upgrade, a failed TLS handshake) is not counted as handled. A failed TLS handshake is one
 * {@code error #n tls: <reason>} event.
 */
final class WsConnectionTracker extends ChannelInboundHandlerAdapter {
  private final WsServerStats stats;
  private final EventSink sink;
  private boolean tlsFailed;

  WsConnectionTracker(WsServerStats stats, EventSink sink) {
    this.stats = stats;
    this.sink = sink;
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    ctx.channel().attr(Connections.ID).set(stats.nextId());
    stats.channels().add(ctx.channel());
    stats.opened();
    ctx.fireChannelActive();
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
    if (evt instanceof SslHandshakeCompletionEvent done && !done.isSuccess()) {
      tlsFailed = true;
      sink.publish(NetEvents.error(Connections.id(ctx.channel()), "tls", TlsFailures.describe(done.cause())));
    }
    ctx.fireUserEventTriggered(evt);
  }

  // A failed handshake is reported once, from its completion event; the engine's exception says it again.
  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    if (tlsFailed && TlsFailures.isTls(cause)) {
      ctx.close();
      return;
    }
    ctx.fireExceptionCaught(cause);
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    if (!ctx.channel().hasAttr(WsSession.STARTED)) {
      stats.dropped();
    }
    ctx.fireChannelInactive();
  }
}
