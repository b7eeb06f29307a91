package dev.nettool.servers.tcp;

import dev.nettool.protocols.server.Connections;
import dev.nettool.protocols.address.Endpoint;
import dev.nettool.protocols.event.EventSink;
import dev.nettool.protocols.event.NetEvents;
import dev.nettool.protocols.event.Verbosity;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPromise;
import io.netty.channel.FileRegion;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import dev.nettool.protocols.tls.TlsFailures;
import dev.nettool.protocols.tls.TlsSessionFacts;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reports one connection's life in Node's words ({@code connection}, {@code data}, {@code end},
 * {@code close}) and counts its bytes. The counters are plain fields: only this channel's event
 * loop touches them. Over TLS the connection event waits for the handshake, so that it can name the version,
 * cipher suite, SNI and client certificate; a failed handshake is one {@code error #n tls: <reason>} instead.
 */
final class TcpConnectionReporter extends ChannelDuplexHandler {
  private final TcpServerStats stats;
  private final EventSink sink;
  private final Endpoint listen;
  private final boolean verbose;
  private final boolean tls;
  private boolean handshakeDone;
  private long id;
  private long in;
  private long out;
  private long startNanos;

  TcpConnectionReporter(TcpServerStats stats, EventSink sink, Endpoint listen, boolean tls) {
    this.stats = stats;
    this.tls = tls;
    this.sink = sink;
    this.listen = listen;
    this.verbose = sink.shows(Verbosity.VERBOSE);
  }

  /**
   * The connection's time starts when its pipeline is made, as the accept hands it over: the idle timer
   * behind this handler starts then too, so a connection closed for idleness never shows a shorter life.
   */
  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    startNanos = System.nanoTime();
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    id = Connections.id(ctx.channel());
    if (!tls && sink.shows(Verbosity.NORMAL)) {
      sink.publish(NetEvents.connection(id, Connections.remote(ctx.channel(), listen), facts(ctx)));
    }
    ctx.fireChannelActive();
  }

  private void handshakeCompleted(ChannelHandlerContext ctx, SslHandshakeCompletionEvent done) {
    handshakeDone = true;
    if (!done.isSuccess()) {
      sink.publish(NetEvents.error(id, "tls", TlsFailures.describe(done.cause())));
    } else if (sink.shows(Verbosity.NORMAL)) {
      Map<String, Object> all = new LinkedHashMap<>(facts(ctx));
      all.putAll(TlsSessionFacts.server(ctx.pipeline().get(SslHandler.class).engine()));
      sink.publish(NetEvents.connection(id, Connections.remote(ctx.channel(), listen), all));
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

  // Read back from the socket itself, so a lab sees what the kernel was told, not what we meant.
  private static Map<String, Object> facts(ChannelHandlerContext ctx) {
    if (listenIsUnix(ctx)) {
      return Map.of();
    }
    Boolean noDelay = ctx.channel().config().getOption(ChannelOption.TCP_NODELAY);
    return noDelay == null ? Map.of() : Map.of("nodelay", noDelay ? "on" : "off");
  }

  private static boolean listenIsUnix(ChannelHandlerContext ctx) {
    return !(ctx.channel().localAddress() instanceof java.net.InetSocketAddress);
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (msg instanceof ByteBuf buf) {
      int n = buf.readableBytes();
      in += n;
      if (verbose) {
        sink.publish(NetEvents.data(id, n, sink.hex() ? buf : null));
      }
    }
    ctx.fireChannelRead(msg);
  }

  @Override
  public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
    if (msg instanceof ByteBuf buf) {
      out += buf.readableBytes();
    } else if (msg instanceof FileRegion region) {
      out += region.count();
    }
    ctx.write(msg, promise);
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
    if (evt == ChannelInputShutdownEvent.INSTANCE) {
      sink.publish(NetEvents.end(id));
    } else if (evt instanceof SslHandshakeCompletionEvent done) {
      handshakeCompleted(ctx, done);
    }
    ctx.fireUserEventTriggered(evt);
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    sink.publish(NetEvents.close(id, in, out, Duration.ofNanos(System.nanoTime() - startNanos)));
    stats.closed(in, out);
    ctx.fireChannelInactive();
  }
}
