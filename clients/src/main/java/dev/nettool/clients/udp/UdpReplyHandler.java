package dev.nettool.clients.udp;

import dev.nettool.protocols.address.Endpoint;
import dev.nettool.protocols.event.EventSink;
import dev.nettool.protocols.event.NetEvents;
import dev.nettool.protocols.event.Verbosity;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.DatagramPacket;

/** Shows each reply: its payload on stdout, and a {@code message} event ({@code -v}, {@code --json}) on stderr. */
final class UdpReplyHandler extends ChannelInboundHandlerAdapter {
  private final EventSink events;
  private final UdpReplyWriter writer;

  UdpReplyHandler(EventSink events, UdpReplyWriter writer) {
    this.events = events;
    this.writer = writer;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (msg instanceof DatagramPacket packet) {
      ByteBuf content = packet.content();
      if (events.shows(Verbosity.NORMAL)) {
        events.publish(NetEvents.message(Endpoint.of(packet.sender()), content.readableBytes(),
            events.hex() ? content : null, true));
      }
      writer.write(ByteBufUtil.getBytes(content));
    }
    ctx.fireChannelRead(msg);
  }
}
