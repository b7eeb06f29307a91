package dev.nettool.servers.ws;

import dev.nettool.protocols.event.EventSink;
import dev.nettool.protocols.event.NetEvents;
import dev.nettool.protocols.server.Connections;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Pings the peer every interval; a peer that has not answered the previous ping by the next one is taken for dead:
 * a {@code timeout #n pong} event, and the connection closes without a Close frame (the session ends with 1006).
 * The flag needs no {@code volatile}: the timer runs on this channel's event loop.
 */
final class WsHeartbeat extends ChannelInboundHandlerAdapter {
  private static final byte[] PAYLOAD = "nettool".getBytes(StandardCharsets.US_ASCII);

  private final Duration interval;
  private final EventSink sink;
  private ScheduledFuture<?> timer;
  private boolean awaitingPong;

  WsHeartbeat(Duration interval, EventSink sink) {
    this.interval = interval;
    this.sink = sink;
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    long nanos = interval.toNanos();
    timer = ctx.executor().scheduleAtFixedRate(() -> tick(ctx), nanos, nanos, TimeUnit.NANOSECONDS);
  }

  private void tick(ChannelHandlerContext ctx) {
    if (awaitingPong) {
      timer.cancel(false);
      sink.publish(NetEvents.timeout(Connections.id(ctx.channel()), "pong", interval));
      ctx.close();
      return;
    }
    awaitingPong = true;
    ctx.writeAndFlush(new PingWebSocketFrame(Unpooled.wrappedBuffer(PAYLOAD)));
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (msg instanceof PongWebSocketFrame) {
      awaitingPong = false;
    }
    ctx.fireChannelRead(msg);
  }

  @Override
  public void handlerRemoved(ChannelHandlerContext ctx) {
    timer.cancel(false);
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    timer.cancel(false);
    ctx.fireChannelInactive();
  }
}
