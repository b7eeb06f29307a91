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
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import dev.nettool.protocols.tls.TlsFailures;
import dev.nettool.protocols.tls.TlsSessionFacts;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Numbers each connection and counts its bytes on the wire. Its {@code connection} and {@code close}
 * events are shown with {@code -v} only: at the normal level an HTTP server shows one line per request.
 * Over TLS the connection event waits for the handshake, to name the version, cipher suite, SNI, client
 * certificate and the protocol ALPN chose; a failed handshake is one {@code error #n tls: <reason>} at any
 * level. The bytes are counted only where the {@code close} or summary events can show them (not with
 * {@code -q}): counting takes every read and write through one more handler. The counters are plain fields:
 * only this channel's event loop touches them.
 */
class HttpConnectionReporter extends ChannelDuplexHandler {
  private final HttpServerStats stats;
  private final EventSink sink;
  private final Endpoint listen;
  private final boolean tls;
  private boolean handshakeDone;
  private long id;
  /** Bytes read and written, counted by {@link Counting}. */
  long in;
  long out;
  private long startNanos;

  /** A reporter that counts the connection's bytes when the events that show them are shown. */
  static HttpConnectionReporter of(HttpServerStats stats, EventSink sink, Endpoint listen, boolean tls) {
    return sink.shows(Verbosity.NORMAL)
        ? new Counting(stats, sink, listen, tls)
        : new HttpConnectionReporter(stats, sink, listen, tls);
  }

  private HttpConnectionReporter(HttpServerStats stats, EventSink sink, Endpoint listen, boolean tls) {
    this.stats = stats;
    this.sink = sink;
    this.listen = listen;
    this.tls = tls;
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    startNanos = System.nanoTime();
    stats.opened();
    id = stats.nextId();
    ctx.channel().attr(Connections.ID).set(id);
    stats.channels().add(ctx.channel());
    if (!tls && sink.shows(Verbosity.VERBOSE)) {
      sink.publish(NetEvents.connection(id, Connections.remote(ctx.channel(), listen)));
    }
    ctx.fireChannelActive();
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
    if (evt instanceof SslHandshakeCompletionEvent done) {
      handshakeCompleted(ctx, done);
    }
    ctx.fireUserEventTriggered(evt);
  }

  private void handshakeCompleted(ChannelHandlerContext ctx, SslHandshakeCompletionEvent done) {
    handshakeDone = true;
    if (!done.isSuccess()) {
      sink.publish(NetEvents.error(id, "tls", TlsFailures.describe(done.cause())));
    } else if (sink.shows(Verbosity.VERBOSE)) {
      SslHandler handler = ctx.pipeline().get(SslHandler.class);
      Map<String, Object> facts = new LinkedHashMap<>(TlsSessionFacts.server(handler.engine()));
      facts.put("alpn", handler.applicationProtocol() == null ? "none" : handler.applicationProtocol());
      sink.publish(NetEvents.connection(id, Connections.remote(ctx.channel(), listen), facts));
    }
  }

  // A failed handshake is reported once, from its completion event; the engine's exception says it again.
  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    if (tls && TlsFailures.isTls(cause) && (!handshakeDone || !ctx.channel().isActive())) {
      ctx.close();
      return;
    }
    ctx.fireExceptionCaught(cause);
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    if (sink.shows(Verbosity.VERBOSE)) {
      sink.publish(NetEvents.close(id, in, out, Duration.ofNanos(System.nanoTime() - startNanos)));
    }
    stats.closed(in, out);
    ctx.fireChannelInactive();
  }

  /** The reporter that also counts the bytes of each read and write. */
  private static final class Counting extends HttpConnectionReporter {
    Counting(HttpServerStats stats, EventSink sink, Endpoint listen, boolean tls) {
      super(stats, sink, listen, tls);
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
  }
}
