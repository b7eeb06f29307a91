package dev.nettool.clients.http;

import dev.nettool.protocols.address.Endpoint;
import dev.nettool.protocols.event.EventSink;
import dev.nettool.protocols.event.NetEvents;
import dev.nettool.protocols.event.Verbosity;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import java.net.SocketAddress;
import java.time.Duration;

/**
 * Times the exchange (connect, first byte) into the {@link HttpClientExchange} and reports it: the
 * {@code connect} event, and with {@code -v} the request and response heads.
 */
final class HttpClientReporter extends ChannelDuplexHandler {
  private final EventSink sink;
  private final HttpClientExchange exchange;
  private final boolean verbose;

  HttpClientReporter(EventSink sink, HttpClientExchange exchange) {
    this.sink = sink;
    this.exchange = exchange;
    this.verbose = sink.shows(Verbosity.VERBOSE);
  }

  @Override
  public void connect(ChannelHandlerContext ctx, SocketAddress remote, SocketAddress local, ChannelPromise promise) {
    long start = System.nanoTime();
    ChannelPromise timed = ctx.newPromise();
    timed.addListener((ChannelFutureListener) f -> {
      exchange.connectNanos = System.nanoTime() - start;
      if (f.isSuccess()) {
        // Here rather than in channelActive: the request is written as soon as the promise succeeds.
        if (verbose) {
          sink.publish(NetEvents.connect(Endpoint.of(ctx.channel().remoteAddress()),
              Duration.ofNanos(exchange.connectNanos)));
        }
        promise.trySuccess();
      } else {
        promise.tryFailure(f.cause());
      }
    });
    ctx.connect(remote, local, timed);
  }

  @Override
  public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
    if (verbose && msg instanceof HttpRequest request) {
      sink.publish(HttpClientEvents.request(request));
    }
    ctx.write(msg, promise);
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    // HTTP objects only: on an HTTP/2 connection the server's SETTINGS pass here before any response.
    if (exchange.firstByteNanos == 0 && msg instanceof HttpObject) {
      exchange.firstByteNanos = System.nanoTime();
    }
    if (verbose && msg instanceof HttpResponse response) {
      sink.publish(HttpClientEvents.response(response));
    }
    ctx.fireChannelRead(msg);
  }
}
