package dev.nettool.clients.ws;

import dev.nettool.protocols.ExitCode;
import dev.nettool.protocols.NettoolException;
import dev.nettool.protocols.address.Endpoint;
import dev.nettool.protocols.event.EventSink;
import dev.nettool.protocols.tls.TlsEvents;
import dev.nettool.protocols.tls.TlsSessionFacts;
import dev.nettool.protocols.unit.Durations;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketHandshakeException;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Upgrades the connection: sends the handshake request once connected, checks the server's answer, and
 * completes the state's {@code upgraded} future with the chosen subprotocol, or fails it with exit 7 and the
 * HTTP status when the server refused ({@code upgrade refused: 404 Not Found}) or never answered.
 */
final class WsClientHandshakeHandler extends ChannelInboundHandlerAdapter {
  /** The number events carry as {@code #1}: a client run has one connection. */
  static final long ID = 1;

  private final WebSocketClientHandshaker handshaker;
  private final WsClientState state;
  private final EventSink sink;
  private final WsUrl url;
  private final Duration timeout;
  private long activeNanos;
  private ScheduledFuture<?> timer;

  WsClientHandshakeHandler(WebSocketClientHandshaker handshaker, WsClientState state, EventSink sink, WsUrl url,
      Duration timeout) {
    this.handshaker = handshaker;
    this.state = state;
    this.sink = sink;
    this.url = url;
    this.timeout = timeout;
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    activeNanos = System.nanoTime();
    // Over TLS the request waits in the SslHandler until the handshake is done.
    handshaker.handshake(ctx.channel());
    timer = ctx.executor().schedule(() -> refuse(ctx, "no answer to the upgrade request within "
        + Durations.spoken(timeout)), timeout.toNanos(), TimeUnit.NANOSECONDS);
    ctx.fireChannelActive();
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (handshaker.isHandshakeComplete()) {
      ctx.fireChannelRead(msg);
      return;
    }
    if (!(msg instanceof FullHttpResponse response)) {
      ReferenceCountUtil.release(msg);
      return;
    }
    try {
      handshaker.finishHandshake(ctx.channel(), response);
    } catch (WebSocketHandshakeException e) {
      refuse(ctx, response.status().code() != HttpResponseStatus.SWITCHING_PROTOCOLS.code()
          ? response.status().toString() : e.getMessage().startsWith("Invalid subprotocol")
          ? "the server chose none of the subprotocols offered (" + handshaker.expectedSubprotocol() + ")"
          : e.getMessage());
      return;
    } finally {
      response.release();
    }
    timer.cancel(false);
    Endpoint remote = url.endpoint();
    sink.publish(WsClientEvents.connect(url, remote, handshaker.actualSubprotocol(),
        Duration.ofNanos(System.nanoTime() - activeNanos)));
    state.upgraded().complete(handshaker.actualSubprotocol());
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
    if (evt instanceof SslHandshakeCompletionEvent hs && hs.isSuccess()) {
      sink.publish(TlsEvents.handshake(ID,
          TlsSessionFacts.client(ctx.pipeline().get(SslHandler.class).engine().getSession())));
    }
    ctx.fireUserEventTriggered(evt);
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    if (timer != null) {
      timer.cancel(false);
    }
    state.upgraded().completeExceptionally(new NettoolException(ExitCode.PROTOCOL, "ws-client",
        "upgrade failed: the server closed the connection without answering"));
    ctx.fireChannelInactive();
  }

  private void refuse(ChannelHandlerContext ctx, String detail) {
    state.upgraded().completeExceptionally(new NettoolException(ExitCode.PROTOCOL, "ws-client",
        "upgrade refused: " + detail));
    ctx.close();
  }
}
