package dev.nettool.servers.http;

import dev.nettool.protocols.event.EventSink;
import dev.nettool.protocols.event.NetEvents;
import dev.nettool.protocols.server.Connections;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.handler.codec.http2.Http2Connection;
import io.netty.handler.codec.http2.Http2ConnectionAdapter;
import io.netty.handler.codec.http2.Http2FrameCodec;
import io.netty.handler.codec.http2.Http2Stream;
import java.time.Duration;

/**
 * Closes an HTTP/2 connection that has had no open stream for {@code --keep-alive-timeout}, as the keep-alive
 * timeout does for HTTP/1.1: the frame codec turns the close into a GOAWAY. It sits behind the frame codec
 * and watches the codec's streams; a connection that just switched to HTTP/2 and opened none yet is idle.
 */
final class Http2IdleTimeout extends ChannelInboundHandlerAdapter {
  private final Duration timeout;
  private final EventSink sink;
  private HttpDeadline timer;
  private Http2Connection connection;

  Http2IdleTimeout(Duration timeout, EventSink sink) {
    this.timeout = timeout;
    this.sink = sink;
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    timer = new HttpDeadline(timeout.toNanos(), () -> expired(ctx));
    watch(ctx);
    if (ctx.channel().isActive()) {
      timer.arm(ctx);
    }
  }

  // After an Upgrade: h2c the codec comes in behind the upgrade handler once this one is already here.
  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    watch(ctx);
    ctx.fireChannelRead(msg);
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
    watch(ctx);
    ctx.fireUserEventTriggered(evt);
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    timer.stop();
    ctx.fireChannelInactive();
  }

  @Override
  public void handlerRemoved(ChannelHandlerContext ctx) {
    timer.stop();
  }

  private void watch(ChannelHandlerContext ctx) {
    if (connection != null) {
      return;
    }
    Http2FrameCodec codec = ctx.pipeline().get(Http2FrameCodec.class);
    if (codec == null) {
      return;
    }
    connection = codec.connection();
    connection.addListener(new Http2ConnectionAdapter() {
      @Override
      public void onStreamActive(Http2Stream stream) {
        timer.disarm();
      }

      @Override
      public void onStreamClosed(Http2Stream stream) {
        if (connection.numActiveStreams() == 0 && ctx.channel().isActive()) {
          timer.arm(ctx);
        }
      }
    });
    if (connection.numActiveStreams() > 0) {
      timer.disarm();
    }
  }

  private void expired(ChannelHandlerContext ctx) {
    if (connection != null && connection.numActiveStreams() > 0) {
      return; // the last stream to close arms it again
    }
    ChannelOutboundBuffer out = ctx.channel().unsafe().outboundBuffer();
    if (out != null && out.totalPendingWriteBytes() > 0) {
      timer.arm(ctx);
      return;
    }
    sink.publish(NetEvents.timeout(Connections.id(ctx.channel()), "keep-alive", timeout));
    ctx.close();
  }
}
