package dev.nettool.servers.http;

import dev.nettool.protocols.server.Connections;
import dev.nettool.protocols.event.EventSink;
import dev.nettool.protocols.event.NetEvents;
import dev.nettool.protocols.unit.Durations;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.time.Duration;

/**
 * Gives a request head {@code --header-timeout} to arrive whole, from the connection's start or from its
 * first byte after an earlier exchange (the slowloris case): then 408. A new connection that sent
 * nothing at all is closed without an answer.
 */
final class HttpHeaderTimeout extends ChannelInboundHandlerAdapter {
  private final Duration timeout;
  private final EventSink sink;
  private HttpDeadline timer;
  private boolean bytesSeen;

  HttpHeaderTimeout(Duration timeout, EventSink sink) {
    this.timeout = timeout;
    this.sink = sink;
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    arm(ctx);
    ctx.fireChannelActive();
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
    if (evt == HttpHeadScanner.HEAD_STARTED) {
      // The last handler that needs it: it goes no further, so it does not pass every handler behind.
      bytesSeen = true;
      arm(ctx);
      return;
    }
    ctx.fireUserEventTriggered(evt);
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (msg instanceof HttpRequest) {
      cancel();
      bytesSeen = false;
    }
    ctx.fireChannelRead(msg);
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    if (timer != null) {
      timer.stop();
    }
    ctx.fireChannelInactive();
  }

  // Taken out when the connection switches to HTTP/2: a timer left queued would still close it.
  @Override
  public void handlerRemoved(ChannelHandlerContext ctx) {
    if (timer != null) {
      timer.stop();
    }
  }

  private void arm(ChannelHandlerContext ctx) {
    if (timer == null) {
      timer = new HttpDeadline(timeout.toNanos(), () -> expired(ctx));
    }
    if (!timer.armed()) {
      timer.arm(ctx);
    }
  }

  private void expired(ChannelHandlerContext ctx) {
    if (!ctx.channel().isActive()) {
      return;
    }
    if (bytesSeen) {
      ctx.fireExceptionCaught(new HttpRejection(HttpResponseStatus.REQUEST_TIMEOUT,
          "request head not complete within " + Durations.format(timeout)));
    } else {
      sink.publish(NetEvents.timeout(Connections.id(ctx.channel()), "header", timeout));
      ctx.close();
    }
  }

  private void cancel() {
    if (timer != null) {
      timer.disarm();
    }
  }
}
