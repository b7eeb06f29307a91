package dev.nettool.servers.http;

import dev.nettool.protocols.server.Connections;
import dev.nettool.protocols.address.Endpoint;
import dev.nettool.protocols.event.EventSink;
import dev.nettool.protocols.event.NetEvents;
import dev.nettool.protocols.event.Verbosity;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufHolder;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.channel.FileRegion;
import java.time.Duration;

/**
 * Numbers each connection and counts its bytes on the wire. Its {@code connection} and {@code close}
 * events are shown with {@code -v} only: at the normal level an HTTP server shows one line per request.
 * The counters are plain fields: only this channel's event loop touches them.
 */
final class HttpConnectionReporter extends ChannelDuplexHandler {
  private final HttpServerStats stats;
  private final EventSink sink;
  private final Endpoint listen;
  private long id;
  private long in;
  private long out;
  private long startNanos;

  HttpConnectionReporter(HttpServerStats stats, EventSink sink, Endpoint listen) {
    this.stats = stats;
    this.sink = sink;
    this.listen = listen;
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    startNanos = System.nanoTime();
    stats.opened();
    id = stats.nextId();
    ctx.channel().attr(Connections.ID).set(id);
    stats.channels().add(ctx.channel());
    if (sink.shows(Verbosity.VERBOSE)) {
      sink.publish(NetEvents.connection(id, Connections.remote(ctx.channel(), listen)));
    }
    ctx.fireChannelActive();
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (msg instanceof ByteBuf buf) {
      in += buf.readableBytes();
    }
    ctx.fireChannelRead(msg);
  }

  @Override
  public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
    if (msg instanceof ByteBuf buf) {
      out += buf.readableBytes();
    } else if (msg instanceof ByteBufHolder holder) {
      out += holder.content().readableBytes();
    } else if (msg instanceof FileRegion region) {
      out += region.count();
    }
    ctx.write(msg, promise);
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    if (sink.shows(Verbosity.VERBOSE)) {
      sink.publish(NetEvents.close(id, in, out, Duration.ofNanos(System.nanoTime() - startNanos)));
    }
    stats.closed(in, out);
    ctx.fireChannelInactive();
  }
}
