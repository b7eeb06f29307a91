package dev.nettool.servers.tcp;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.channel.socket.DuplexChannel;

/**
 * Relays what one channel reads to another. Auto-read is off on both sides: the next read is asked
 * for only once the previous write went out, which is how the relay applies back-pressure. A FIN
 * from this side becomes a FIN on the other; a channel is closed once both its directions are done.
 */
final class RelayHandler extends ChannelInboundHandlerAdapter {
  private final Channel target;

  RelayHandler(Channel target) {
    this.target = target;
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    readMore(ctx.channel());
    ctx.fireChannelActive();
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    target.writeAndFlush(msg).addListener((ChannelFutureListener) f -> {
      if (f.isSuccess()) {
        readMore(ctx.channel());
      } else {
        ctx.channel().close();
        target.close();
      }
    });
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
    if (evt == ChannelInputShutdownEvent.INSTANCE) {
      Channel self = ctx.channel();
      target.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener((ChannelFutureListener) f -> {
        if (target instanceof DuplexChannel duplex && f.isSuccess()) {
          duplex.shutdownOutput().addListener((ChannelFutureListener) s -> closeIfDone(target));
        } else {
          target.close();
        }
      });
      closeIfDone(self);
    }
    ctx.fireUserEventTriggered(evt);
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    if (target.isActive()) {
      target.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
    }
    ctx.fireChannelInactive();
  }

  // Asking a channel whose input has ended to read again makes epoll fail (the fd left its interest set).
  private static void readMore(Channel ch) {
    if (!(ch instanceof DuplexChannel duplex && duplex.isInputShutdown())) {
      ch.read();
    }
  }

  private static void closeIfDone(Channel ch) {
    if (ch instanceof DuplexChannel duplex && duplex.isInputShutdown() && duplex.isOutputShutdown()) {
      ch.close();
    }
  }
}
