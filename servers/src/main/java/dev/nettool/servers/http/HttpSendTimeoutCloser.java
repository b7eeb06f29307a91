package dev.nettool.servers.http;

import dev.nettool.protocols.server.Connections;
import dev.nettool.protocols.event.EventSink;
import dev.nettool.protocols.event.NetEvents;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import java.time.Duration;

/**
 * Closes a connection whose client stopped taking response bytes: {@link io.netty.handler.timeout.IdleStateHandler}
 * (observing output) reports no write progress for {@code --send-timeout}, and bytes are still waiting.
 * An idle connection with nothing to send is left to the keep-alive timeout.
 */
final class HttpSendTimeoutCloser extends ChannelInboundHandlerAdapter {
  private final Duration timeout;
  private final EventSink sink;

  HttpSendTimeoutCloser(Duration timeout, EventSink sink) {
    this.timeout = timeout;
    this.sink = sink;
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
    if (!(evt instanceof IdleStateEvent idle) || idle.state() != IdleState.WRITER_IDLE) {
      ctx.fireUserEventTriggered(evt);
      return;
    }
    ChannelOutboundBuffer pending = ctx.channel().unsafe().outboundBuffer();
    if (pending != null && pending.totalPendingWriteBytes() > 0) {
      sink.publish(NetEvents.timeout(Connections.id(ctx.channel()), "send", timeout));
      ctx.close();
    }
  }
}
