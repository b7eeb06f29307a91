package dev.nettool.servers.tcp;

import dev.nettool.protocols.server.Connections;
import dev.nettool.protocols.address.Endpoint;
import dev.nettool.protocols.event.ErrorDetail;
import dev.nettool.protocols.event.EventSink;
import dev.nettool.protocols.event.NetEvents;
import dev.nettool.protocols.transport.Transport;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.util.ReferenceCountUtil;
import java.util.ArrayList;
import java.util.List;

/**
 * Opens the upstream connection for an accepted one (on the same event loop), then hands both
 * directions to {@link RelayHandler}. Nothing is read from the client until the upstream is there.
 */
final class ForwardHandler extends ChannelInboundHandlerAdapter {
  private final Endpoint upstream;
  private final Transport transport;
  private final EventSink sink;
  // Native transports may deliver data and the FIN before we asked to read (on EPOLLRDHUP), so
  // what arrives before the upstream is connected is kept and handed to the relay afterwards.
  private final List<Object> early = new ArrayList<>();
  private boolean endedEarly;

  ForwardHandler(Endpoint upstream, Transport transport, EventSink sink) {
    this.upstream = upstream;
    this.transport = transport;
    this.sink = sink;
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    Channel inbound = ctx.channel();
    ChannelFuture connect = new Bootstrap()
        .group(inbound.eventLoop())
        .channel(transport.socketChannel(upstream instanceof Endpoint.Unix))
        .option(ChannelOption.AUTO_READ, false)
        .option(ChannelOption.ALLOW_HALF_CLOSURE, true)
        .handler(new ChannelInitializer<Channel>() {
          @Override
          protected void initChannel(Channel ch) {
            transport.prepare(ch);
            ch.pipeline().addLast(new RelayHandler(inbound));
          }
        })
        .connect(upstream.socketAddress(transport));
    connect.addListener((ChannelFutureListener) f -> {
      if (f.isSuccess()) {
        List<Object> pending = new ArrayList<>(early);
        early.clear();
        RelayHandler relay = new RelayHandler(f.channel());
        ctx.pipeline().replace(this, "relay", relay);
        ChannelHandlerContext relayCtx = inbound.pipeline().context(relay);
        for (Object msg : pending) {
          relay.channelRead(relayCtx, msg);
        }
        if (endedEarly) {
          relay.userEventTriggered(relayCtx, ChannelInputShutdownEvent.INSTANCE);
        } else if (pending.isEmpty()) {
          inbound.read();
        }
      } else {
        sink.publish(NetEvents.error(Connections.id(inbound), "forward to " + upstream.display(),
            ErrorDetail.of(f.cause())));
        inbound.close();
      }
    });
    ctx.fireChannelActive();
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    early.add(msg);
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
    if (evt == ChannelInputShutdownEvent.INSTANCE) {
      endedEarly = true;
    }
    ctx.fireUserEventTriggered(evt);
  }

  @Override
  public void handlerRemoved(ChannelHandlerContext ctx) {
    // Only left over when the connection closed before the upstream answered.
    early.forEach(ReferenceCountUtil::release);
    early.clear();
  }
}
