package dev.nettool.servers.udp;

import dev.nettool.protocols.address.Endpoint;
import dev.nettool.protocols.event.EventSink;
import dev.nettool.protocols.event.NetEvents;
import dev.nettool.protocols.event.Verbosity;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.DatagramPacket;

/**
 * Publishes a {@code message} event for each datagram with its sender ({@code -v} adds the payload
 * as text, {@code --hex} as a hex dump), then passes the datagram on. Nothing is built when nobody
 * would see the event, so {@code -q} costs nothing per datagram.
 */
@Sharable
final class UdpLogHandler extends ChannelInboundHandlerAdapter {
  private final EventSink sink;

  UdpLogHandler(EventSink sink) {
    this.sink = sink;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (msg instanceof DatagramPacket packet && sink.shows(Verbosity.NORMAL)) {
      boolean payload = sink.shows(Verbosity.VERBOSE);
      sink.publish(NetEvents.message(Endpoint.of(packet.sender()), packet.content().readableBytes(),
          payload ? packet.content() : null, sink.hex()));
    }
    ctx.fireChannelRead(msg);
  }
}
