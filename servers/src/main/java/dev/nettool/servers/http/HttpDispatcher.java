package dev.nettool.servers.http;

import dev.nettool.protocols.event.ErrorDetail;
import dev.nettool.protocols.event.EventSink;
import dev.nettool.protocols.event.NetEvents;
import io.netty.buffer.CompositeByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import java.nio.channels.ClosedChannelException;
import java.util.Map;

/**
 * Hands each request to whoever the {@link HttpRouter} names: a route that gets the body whole (read
 * here; {@link HttpBodyLimit} already refused one over {@code --max-body}) or one the body streams into. A handler that
 * throws gets a 500 (when it had not answered yet) and an {@code error} event; the server goes on.
 */
final class HttpDispatcher extends ChannelInboundHandlerAdapter {
  private final HttpRouter router;
  private final HttpServerConfig config;
  private final EventSink sink;
  private HttpConnection connection;
  private HttpRequest head;
  private HttpRouter.Target target;
  private HttpExchange exchange;
  /** The latest exchange, kept after its request was read: a late answer may still be due. */
  private HttpExchange latest;
  private HttpBodySink bodySink;
  private CompositeByteBuf body;
  private boolean draining;

  HttpDispatcher(HttpRouter router, HttpServerConfig config, EventSink sink) {
    this.router = router;
    this.config = config;
    this.sink = sink;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    try {
      if (msg instanceof HttpRequest request) {
        begin(ctx, request);
      }
      if (msg instanceof HttpContent content && target != null) {
        content(ctx, content);
      }
    } finally {
      ReferenceCountUtil.release(msg);
    }
  }

  private void begin(ChannelHandlerContext ctx, HttpRequest request) {
    if (connection == null) {
      connection = HttpConnection.of(ctx.channel());
    }
    head = request;
    if (request.decoderResult().isFailure()) {
      // Normally answered by the limits before it gets here; this is the backstop.
      reject(ctx, HttpResponseStatus.BAD_REQUEST, "bad request");
      return;
    }
    target = router.route(request);
    if (target instanceof HttpRouter.Streamed streamed) {
      exchange = newExchange(ctx, null, streamed.params());
      try {
        bodySink = streamed.handler().open(exchange);
      } catch (Exception e) {
        failed(ctx, e);
      }
    }
  }

  private void content(ChannelHandlerContext ctx, HttpContent content) {
    boolean last = content instanceof LastHttpContent;
    try {
      if (bodySink != null) {
        bodySink.content(content.content());
        if (last) {
          bodySink.end();
        }
      } else if (target instanceof HttpRouter.Whole) {
        if (content.content().isReadable()) {
          // Made with the first byte of a body: a request without one (most GETs) costs no buffer.
          if (body == null) {
            body = ctx.alloc().compositeBuffer(Integer.MAX_VALUE);
          }
          body.addComponent(true, content.content().retain());
        }
        if (last) {
          exchange = newExchange(ctx, body, target.params());
          ((HttpRouter.Whole) target).handler().handle(exchange);
        }
      }
    } catch (Exception e) {
      failed(ctx, e);
    } finally {
      if (last) {
        finish();
      }
    }
  }

  private HttpExchange newExchange(ChannelHandlerContext ctx, CompositeByteBuf content, Map<String, String> params) {
    HttpExchange x = new HttpExchange(ctx.channel(), head, content, params, config, connection);
    if (draining) {
      x.closeAfterResponse();
    }
    latest = x;
    return x;
  }

  /** Answers with the server's own error and closes: the rest of this request is never read. */
  private void reject(ChannelHandlerContext ctx, HttpResponseStatus status, String what) {
    if (bodySink != null) {
      bodySink.abort(new IllegalStateException(what));
      bodySink = null;
    }
    HttpExchange x = exchange != null ? exchange : newExchange(ctx, null, Map.of());
    finish();
    ctx.channel().config().setAutoRead(false);
    if (!x.answered()) {
      x.closeAfterResponse();
      x.respond(HttpRouter.json(status, HttpRouter.error(status, what, x)));
    } else {
      ctx.close();
    }
  }

  private void failed(ChannelHandlerContext ctx, Exception e) {
    sink.publish(NetEvents.error(connection.id(), "handler " + head.method() + " " + head.uri(), ErrorDetail.of(e)));
    HttpExchange x = exchange != null ? exchange : newExchange(ctx, null, Map.of());
    if (bodySink != null) {
      bodySink.abort(e);
      bodySink = null;
    }
    if (x.answered()) {
      ctx.close();
    } else {
      HttpResponseStatus s = HttpResponseStatus.INTERNAL_SERVER_ERROR;
      x.respond(HttpRouter.json(s, HttpRouter.error(s, "handler failed", x)));
    }
  }

  /** Ends the request's state; what the body held is released, the exchange lives on with its route. */
  private void finish() {
    if (body != null) {
      body.release();
      body = null;
    }
    target = null;
    exchange = null;
    bodySink = null;
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
    if (evt == HttpPipelineGate.DRAIN) {
      draining = true;
      if (latest != null && !latest.answered()) {
        latest.closeAfterResponse();
      }
    }
    ctx.fireUserEventTriggered(evt);
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    if (bodySink != null) {
      bodySink.abort(new ClosedChannelException());
    }
    finish();
    ctx.fireChannelInactive();
  }
}
