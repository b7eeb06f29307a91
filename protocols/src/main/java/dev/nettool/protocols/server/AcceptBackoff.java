package dev.nettool.protocols.server;

import dev.nettool.protocols.event.ErrorDetail;
import dev.nettool.protocols.event.EventSink;
import dev.nettool.protocols.event.NetEvents;
import io.netty.channel.ChannelConfig;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * On the listening channel of any stream server: an accept that fails (out of file descriptors) pauses accepting for a
 * second and publishes one event, and goes no further. Netty's own acceptor would pause too, but then
 * hand the error to the pipeline's tail, whose warning goes through JUL, whose formatter loads the
 * time-zone database on first use: without a free descriptor that throws an Error that kills the
 * event loop, and the server with it.
 */
public final class AcceptBackoff extends ChannelInboundHandlerAdapter {
  static final Duration PAUSE = Duration.ofSeconds(1);

  private final EventSink sink;

  public AcceptBackoff(EventSink sink) {
    this.sink = sink;
  }

  @Override
  public boolean isSharable() {
    return false;
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    ChannelConfig config = ctx.channel().config();
    if (!config.isAutoRead()) {
      return; // already paused by an earlier failure in the same burst
    }
    config.setAutoRead(false);
    sink.publish(NetEvents.error(null, "accept", ErrorDetail.of(cause) + " (accepting paused for 1s)"));
    ctx.executor().schedule(() -> config.setAutoRead(true), PAUSE.toMillis(), TimeUnit.MILLISECONDS);
  }
}
