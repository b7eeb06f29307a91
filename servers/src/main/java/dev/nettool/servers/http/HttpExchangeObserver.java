package dev.nettool.servers.http;

import dev.nettool.protocols.server.Connections;
import dev.nettool.protocols.event.EventSink;
import dev.nettool.protocols.event.Verbosity;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.channel.FileRegion;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpStatusClass;
import io.netty.handler.codec.http.LastHttpContent;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Queue;

/**
 * Publishes one {@code request} event per exchange once its response is out, and counts it for
 * {@code --count}. It sits right after the codec, so it sees every answer: the routes', CORS
 * preflights', and the limits' (a response with no request head, like a 408, shows as {@code - -}).
 * Interim {@code 100 Continue} responses are not exchanges. When the sink does not show request events
 * ({@code -q}) nothing is built for them: each exchange is only counted.
 */
final class HttpExchangeObserver extends ChannelDuplexHandler {
  private final HttpServerStats stats;
  private final EventSink sink;
  private final Queue<Pending> pending = new ArrayDeque<>();
  /** Whether request events are shown; fixed for the server's life, so asked once. */
  private final boolean shown;
  private final ChannelFutureListener count;
  private int status;
  private long bytes;
  private boolean interim;

  private record Pending(String method, String target, long startNanos) {}

  HttpExchangeObserver(HttpServerStats stats, EventSink sink) {
    this.stats = stats;
    this.sink = sink;
    this.shown = sink.shows(Verbosity.NORMAL);
    this.count = f -> {
      if (f.isSuccess()) {
        stats.answered();
      }
    };
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (shown && msg instanceof HttpRequest request) {
      pending.add(new Pending(request.method().name(), request.uri(), System.nanoTime()));
    }
    ctx.fireChannelRead(msg);
  }

  @Override
  public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
    if (msg instanceof HttpResponse response) {
      interim = response.status().codeClass() == HttpStatusClass.INFORMATIONAL;
      status = response.status().code();
      bytes = 0;
    }
    if (msg instanceof FileRegion region) {
      // A static file's body goes out as a region between its head and its last content.
      bytes += region.count();
    }
    if (interim || !(msg instanceof HttpContent content)) {
      ctx.write(msg, promise);
      return;
    }
    bytes += content.content().readableBytes();
    if (!(msg instanceof LastHttpContent)) {
      ctx.write(msg, promise);
      return;
    }
    if (!shown) {
      ctx.write(msg, promise.unvoid()).addListener(count);
      return;
    }
    Pending p = pending.poll();
    long id = Connections.id(ctx.channel());
    int answered = status;
    long sent = p != null && HttpMethod.HEAD.name().equals(p.method()) ? 0 : bytes;
    ChannelPromise unvoid = promise.unvoid();
    ctx.write(msg, unvoid);
    unvoid.addListener((ChannelFutureListener) f -> {
      if (f.isSuccess()) {
        long took = p == null ? 0 : System.nanoTime() - p.startNanos();
        sink.publish(HttpEvents.request(id, p == null ? "-" : p.method(), p == null ? "-" : p.target(), answered,
            sent, Duration.ofNanos(took)));
        stats.answered();
      }
    });
  }
}
