package dev.nettool.servers.http;

import dev.nettool.protocols.server.Connections;
import dev.nettool.protocols.event.EventSink;
import dev.nettool.protocols.event.NetEvents;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpStatusClass;
import io.netty.handler.codec.http.LastHttpContent;
import java.time.Duration;

/**
 * Closes a kept-alive connection that stays idle for {@code --keep-alive-timeout}: no request being
 * read, every response written, and no byte of a next request arrived. The idle time counts from the
 * moment the last response was handed to the socket; while some of it still waits to go out the
 * connection is not idle.
 */
final class HttpKeepAliveTimeout extends ChannelDuplexHandler {
  private final Duration timeout;
  private final EventSink sink;
  private HttpDeadline timer;
  private int open;
  private boolean reading;
  private boolean interim;

  HttpKeepAliveTimeout(Duration timeout, EventSink sink) {
    this.timeout = timeout;
    this.sink = sink;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (msg instanceof HttpRequest) {
      open++;
      reading = true;
      cancel();
    }
    if (msg instanceof LastHttpContent) {
      reading = false;
      armWhenIdle(ctx);
    }
    ctx.fireChannelRead(msg);
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
    if (evt == HttpHeadScanner.HEAD_STARTED) {
      cancel();
    }
    ctx.fireUserEventTriggered(evt);
  }

  @Override
  public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
    if (msg instanceof HttpResponse response) {
      interim = response.status().codeClass() == HttpStatusClass.INFORMATIONAL;
    }
    ctx.write(msg, promise);
    if (msg instanceof LastHttpContent && !interim) {
      // Armed as the response is handed on, not when it is out (no listener per response): a response
      // still going out when the timer comes due re-arms it, as waiting bytes are the send timeout's.
      open--;
      armWhenIdle(ctx);
    }
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

  private void armWhenIdle(ChannelHandlerContext ctx) {
    if (open == 0 && !reading && (timer == null || !timer.armed()) && ctx.channel().isActive()) {
      if (timer == null) {
        timer = new HttpDeadline(timeout.toNanos(), () -> expired(ctx));
      }
      timer.arm(ctx);
    }
  }

  private void expired(ChannelHandlerContext ctx) {
    ChannelOutboundBuffer out = ctx.channel().unsafe().outboundBuffer();
    if (out != null && out.totalPendingWriteBytes() > 0) {
      timer.arm(ctx);
      return;
    }
    sink.publish(NetEvents.timeout(Connections.id(ctx.channel()), "keep-alive", timeout));
    ctx.close();
  }

  private void cancel() {
    if (timer != null) {
      timer.disarm();
    }
  }
}
