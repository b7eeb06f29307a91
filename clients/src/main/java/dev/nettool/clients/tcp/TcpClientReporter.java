package dev.nettool.clients.tcp;

import dev.nettool.protocols.address.Endpoint;
import dev.nettool.protocols.event.EventSink;
import dev.nettool.protocols.event.NetEvents;
import dev.nettool.protocols.event.Verbosity;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import dev.nettool.protocols.tls.TlsEvents;
import dev.nettool.protocols.tls.TlsSessionFacts;
import java.net.SocketAddress;
import java.nio.channels.ClosedChannelException;
import java.time.Duration;

/**
 * Reports the connection's life in Node's words ({@code connect}, {@code data}, {@code end}, {@code close})
 * and counts its bytes into the {@link TcpClientState}. Bytes out are counted once written, so a close with
 * writes still pending does not claim them; a write that fails is passed on as the connection's error.
 */
final class TcpClientReporter extends ChannelDuplexHandler {
  /** The number events carry as {@code #1}: a client run has one connection. */
  static final long ID = 1;

  private final EventSink sink;
  private final TcpClientState state;
  private final Endpoint target;
  private final boolean verbose;
  private long connectNanos; // how long the connect took
  private long connectedNanos; // when the connection became active

  TcpClientReporter(EventSink sink, TcpClientState state, Endpoint target) {
    this.sink = sink;
    this.state = state;
    this.target = target;
    this.verbose = sink.shows(Verbosity.VERBOSE);
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    connectedNanos = System.nanoTime();
    sink.publish(NetEvents.connect(remote(ctx), Duration.ofNanos(connectNanos)));
    ctx.fireChannelActive();
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (msg instanceof ByteBuf buf) {
      int n = buf.readableBytes();
      state.bytesIn += n;
      if (verbose) {
        // No hex dump here: with --hex the dump is the payload itself, on stdout.
        sink.publish(NetEvents.data(ID, n, null));
      }
    }
    ctx.fireChannelRead(msg);
  }

  @Override
  public void connect(ChannelHandlerContext ctx, SocketAddress remote, SocketAddress local, ChannelPromise promise) {
    // Timed around the connect alone: the caller's listeners on the promise (and the class loading of a first
    // run) would otherwise count as connect time.
    long start = System.nanoTime();
    ChannelPromise timed = ctx.newPromise();
    timed.addListener((ChannelFutureListener) f -> {
      connectNanos = System.nanoTime() - start;
      if (f.isSuccess()) {
        promise.trySuccess();
      } else {
        promise.tryFailure(f.cause());
      }
    });
    ctx.connect(remote, local, timed);
  }

  @Override
  public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
    if (!(msg instanceof ByteBuf buf) || !buf.isReadable()) {
      ctx.write(msg, promise);
      return;
    }
    int n = buf.readableBytes();
    ChannelPromise counted = promise.unvoid();
    counted.addListener((ChannelFutureListener) f -> {
      if (f.isSuccess()) {
        state.bytesOut += n;
      } else if (!(f.cause() instanceof ClosedChannelException)) {
        // A failed write (reset, broken pipe) is not otherwise reported: Netty just closes the channel.
        ctx.fireExceptionCaught(f.cause());
      }
    });
    ctx.write(msg, counted);
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
    if (evt == ChannelInputShutdownEvent.INSTANCE) {
      state.peerEnded = true;
      sink.publish(NetEvents.end(ID));
    } else if (evt instanceof SslHandshakeCompletionEvent hs && hs.isSuccess()) {
      sink.publish(TlsEvents.handshake(ID,
          TlsSessionFacts.client(ctx.pipeline().get(SslHandler.class).engine().getSession())));
    }
    ctx.fireUserEventTriggered(evt);
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    sink.publish(NetEvents.close(ID, state.bytesIn, state.bytesOut,
        Duration.ofNanos(System.nanoTime() - connectedNanos)));
    state.closed();
    ctx.fireChannelInactive();
  }

  private Endpoint remote(ChannelHandlerContext ctx) {
    if (target instanceof Endpoint.Unix) {
      return target;
    }
    try {
      return Endpoint.of(ctx.channel().remoteAddress());
    } catch (RuntimeException e) {
      return target;
    }
  }
}
