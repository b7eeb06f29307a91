package dev.nettool.servers.http;

import dev.nettool.protocols.event.EventSink;
import dev.nettool.protocols.event.NetEvents;
import dev.nettool.protocols.server.Connections;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundBuffer;
import java.time.Duration;

/**
 * Closes a connection whose client stopped taking response bytes: bytes waited to be sent and none of
 * them went out for {@code --send-timeout}. The timer is armed only when a flush leaves bytes behind or
 * the channel turns unwritable, so a response the socket takes at once costs no timer work and no
 * listener. An idle connection with nothing to send is left to the keep-alive timeout.
 */
final class HttpSendTimeout extends ChannelDuplexHandler {
  private final Duration timeout;
  private final EventSink sink;
  private HttpDeadline timer;
  /** The outbound state when the timer was armed, to tell at its end whether any byte went out. */
  private long pendingBytes;
  private long progress;
  private Object current;

  HttpSendTimeout(Duration timeout, EventSink sink) {
    this.timeout = timeout;
    this.sink = sink;
  }

  @Override
  public void flush(ChannelHandlerContext ctx) {
    ctx.flush();
    armWhenPending(ctx);
  }

  @Override
  public void channelWritabilityChanged(ChannelHandlerContext ctx) {
    armWhenPending(ctx);
    ctx.fireChannelWritabilityChanged();
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    if (timer != null) {
      timer.stop();
    }
    ctx.fireChannelInactive();
  }

  // Taken out when the connection switches to HTTP/2: a timer left queued would still close it.
  @Override
  public void handlerRemoved(ChannelHandlerContext ctx) {
    if (timer != null) {
      timer.stop();
    }
  }

  /** Arms the timer when bytes are left waiting, disarms it when none are. */
  private void armWhenPending(ChannelHandlerContext ctx) {
    ChannelOutboundBuffer buf = ctx.channel().unsafe().outboundBuffer();
    if (buf == null || buf.totalPendingWriteBytes() == 0 || !ctx.channel().isActive()) {
      if (timer != null) {
        timer.disarm();
      }
      return;
    }
    if (timer == null) {
      timer = new HttpDeadline(timeout.toNanos(), () -> due(ctx));
    }
    if (!timer.armed()) {
      note(buf);
      timer.arm(ctx);
    }
  }

  private void due(ChannelHandlerContext ctx) {
    ChannelOutboundBuffer buf = ctx.channel().unsafe().outboundBuffer();
    if (buf == null || buf.totalPendingWriteBytes() == 0 || !ctx.channel().isActive()) {
      return;
    }
    // Bytes added since are no progress; bytes gone, or a message begun or finished, are.
    if (buf.totalPendingWriteBytes() < pendingBytes || buf.currentProgress() != progress || buf.current() != current) {
      note(buf);
      timer.arm(ctx);
      return;
    }
    sink.publish(NetEvents.timeout(Connections.id(ctx.channel()), "send", timeout));
    ctx.close();
  }

  private void note(ChannelOutboundBuffer buf) {
    pendingBytes = buf.totalPendingWriteBytes();
    progress = buf.currentProgress();
    current = buf.current();
  }
}
