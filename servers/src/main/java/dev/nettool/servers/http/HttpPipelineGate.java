package dev.nettool.servers.http;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpStatusClass;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import java.util.ArrayDeque;
import java.util.Queue;

/**
 * Lets one exchange at a time through: a pipelined request (decoded from the same read as the one
 * before it) waits here, with reading paused, until the previous response has been written whole, so
 * responses never interleave even when a route answers later. On {@link #DRAIN} it closes the
 * connection when no exchange is open, or after the open one's response.
 */
final class HttpPipelineGate extends ChannelDuplexHandler {
  /** The user event that tells every connection the server is stopping. */
  static final Object DRAIN = new Object() {
    @Override
    public String toString() {
      return "HttpPipelineGate.DRAIN";
    }
  };

  private final Queue<Object> held = new ArrayDeque<>();
  private boolean inFlight;
  private boolean interim;
  private boolean releasing;
  private boolean draining;
  /** Whether this gate turned reading off to hold a request. */
  private boolean paused;

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (!held.isEmpty() || (inFlight && msg instanceof HttpRequest)) {
      held.add(msg);
      paused = true;
      ctx.channel().config().setAutoRead(false);
      return;
    }
    pass(ctx, msg);
  }

  private void pass(ChannelHandlerContext ctx, Object msg) {
    if (msg instanceof HttpRequest) {
      inFlight = true;
    }
    ctx.fireChannelRead(msg);
  }

  @Override
  public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
    if (msg instanceof HttpResponse response) {
      interim = response.status().codeClass() == HttpStatusClass.INFORMATIONAL;
    }
    if (interim || !(msg instanceof LastHttpContent)) {
      ctx.write(msg, promise);
      return;
    }
    inFlight = false;
    if (draining) {
      ctx.write(msg, promise.unvoid()).addListener(ChannelFutureListener.CLOSE);
      return;
    }
    ctx.write(msg, promise);
    if (paused) {
      // Later on this loop, not from inside the write: the writer may still be on its stack.
      ctx.executor().execute(() -> release(ctx));
    }
  }

  /** Passes held messages on until the next request is in flight again. */
  private void release(ChannelHandlerContext ctx) {
    if (releasing || !ctx.channel().isActive()) {
      return;
    }
    releasing = true;
    try {
      while (!held.isEmpty() && !(inFlight && held.peek() instanceof HttpRequest)) {
        pass(ctx, held.poll());
      }
    } finally {
      releasing = false;
    }
    if (held.isEmpty()) {
      paused = false;
      ctx.channel().config().setAutoRead(true);
      ctx.read();
    }
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
    if (evt == DRAIN) {
      draining = true;
      if (!inFlight) {
        ctx.close();
      }
    }
    ctx.fireUserEventTriggered(evt);
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    discard();
    ctx.fireChannelInactive();
  }

  @Override
  public void handlerRemoved(ChannelHandlerContext ctx) {
    discard();
  }

  private void discard() {
    Object m;
    while ((m = held.poll()) != null) {
      ReferenceCountUtil.release(m);
    }
  }
}
