package dev.nettool.servers.tcp;

import dev.nettool.protocols.server.Connections;
import dev.nettool.protocols.event.EventSink;
import dev.nettool.protocols.event.NetEvents;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.channel.socket.DuplexChannel;
import io.netty.util.ReferenceCountUtil;

/** Attaches a connection to the {@link PipeBridge}; a second one while the first is open is dropped as busy. */
final class PipeHandler extends ChannelInboundHandlerAdapter {
  private final PipeBridge bridge;
  private final EventSink sink;
  private boolean attached;

  PipeHandler(PipeBridge bridge, EventSink sink) {
    this.bridge = bridge;
    this.sink = sink;
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    attached = bridge.attach(ctx.channel());
    if (!attached) {
      sink.publish(NetEvents.error(Connections.id(ctx.channel()), "pipe", "busy with another connection"));
      ctx.close();
      return;
    }
    ctx.fireChannelActive();
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (attached && msg instanceof ByteBuf buf) {
      bridge.toStdout(ctx.channel(), buf);
    } else {
      ReferenceCountUtil.release(msg);
    }
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
    if (evt == ChannelInputShutdownEvent.INSTANCE
        && ctx.channel() instanceof DuplexChannel d && d.isOutputShutdown()) {
      ctx.close();
    }
    ctx.fireUserEventTriggered(evt);
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    if (attached) {
      bridge.detach(ctx.channel());
    }
    ctx.fireChannelInactive();
  }
}
