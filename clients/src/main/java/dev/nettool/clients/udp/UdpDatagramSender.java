package dev.nettool.clients.udp;

import dev.nettool.protocols.ExitCode;
import dev.nettool.protocols.NettoolException;
import dev.nettool.protocols.address.Endpoint;
import dev.nettool.protocols.event.Event;
import dev.nettool.protocols.event.EventSink;
import dev.nettool.protocols.event.Verbosity;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.socket.DatagramPacket;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;

/**
 * Sends a run's datagrams one after the other on its own thread (reading stdin may block), each
 * once the previous one is out, then tells the pipeline the last one was sent.
 */
final class UdpDatagramSender implements Runnable {
  /** Where datagrams come from: {@code --data} values or stdin lines. */
  interface Source {
    /** The next datagram, or {@code null} at the end. */
    byte[] next() throws IOException;

    static Source of(List<byte[]> data) {
      Iterator<byte[]> it = data.iterator();
      return () -> it.hasNext() ? it.next() : null;
    }
  }

  private final Channel channel;
  private final InetSocketAddress to;
  private final Source source;
  private final UdpClientRun run;
  private final EventSink events;

  UdpDatagramSender(Channel channel, InetSocketAddress to, Source source, UdpClientRun run, EventSink events) {
    this.channel = channel;
    this.to = to;
    this.source = source;
    this.run = run;
    this.events = events;
  }

  @Override
  public void run() {
    try {
      byte[] datagram;
      while (!run.isOver() && (datagram = source.next()) != null) {
        ChannelFuture f = channel.writeAndFlush(new DatagramPacket(Unpooled.wrappedBuffer(datagram), to))
            .awaitUninterruptibly();
        if (!f.isSuccess()) {
          if (channel.isOpen()) {
            run.fail(f.cause());
          }
          return;
        }
        if (events.shows(Verbosity.VERBOSE)) {
          events.publish(sent(datagram.length));
        }
      }
      channel.pipeline().fireUserEventTriggered(UdpExpectHandler.LAST_SENT);
    } catch (IOException e) {
      run.fail(new NettoolException(ExitCode.FAILURE, "cannot read stdin", String.valueOf(e.getMessage()), e));
    } catch (RejectedExecutionException e) {
      // the run ended and the client closed while this thread was between two datagrams
    }
  }

  private Event sent(int bytes) {
    Endpoint.Inet remote = (Endpoint.Inet) Endpoint.of(to);
    return Event.builder("send", Verbosity.VERBOSE)
        .field("remoteHost", remote.host())
        .field("remotePort", remote.port())
        .field("bytes", bytes)
        .text("send to " + remote.display() + " " + bytes + " bytes");
  }
}
