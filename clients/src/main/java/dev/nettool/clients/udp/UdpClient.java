package dev.nettool.clients.udp;

import dev.nettool.protocols.ExitCode;
import dev.nettool.protocols.NettoolException;
import dev.nettool.protocols.address.Endpoint;
import dev.nettool.protocols.event.EventSink;
import dev.nettool.protocols.event.NetEvents;
import dev.nettool.protocols.expect.Expectation;
import dev.nettool.protocols.transport.Transport;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.socket.SocketProtocolFamily;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A UDP client: {@link #start} connects a datagram socket to the target (so that an ICMP port
 * unreachable is reported) and sends; the returned future completes with the exit code.
 */
public final class UdpClient implements AutoCloseable {
  /** Room for the largest datagram, so that no reply is truncated. */
  private static final int RECEIVE_BUFFER = 65536;
  private static final int SOCKET_BUFFER = 4 << 20;

  private final UdpClientConfig config;
  private final EventSink events;
  private final EventSink report;
  private final Transport transport;
  private final UdpClientRun run;
  private EventLoopGroup group;
  private Channel channel;
  private UdpReplyWriter writer;

  /**
   * @param events where client events go ({@code connect}, {@code send}, {@code message}): stderr with -v or --json
   * @param report where ping mode reports ({@code reply} and the {@code ping} summary): stdout
   */
  public UdpClient(UdpClientConfig config, EventSink events, EventSink report) {
    this.config = config;
    this.events = events;
    this.report = report;
    this.transport = Transport.select(config.transport());
    this.run = new UdpClientRun(config.target());
  }

  /**
   * Connects and starts sending: {@code --data}, or {@code stdin} lines, or ping probes. Replies go to
   * {@code stdout}; {@code expectation} (may be null) ends the run as soon as a reply meets it.
   *
   * @throws NettoolException with {@link ExitCode#CONNECT} when the target cannot be resolved or connected
   */
  public CompletableFuture<Integer> start(InputStream stdin, OutputStream stdout, Expectation expectation) {
    Endpoint.Inet target = config.target();
    InetSocketAddress remote = new InetSocketAddress(target.host(), target.port());
    if (remote.isUnresolved()) {
      throw new NettoolException(ExitCode.CONNECT, "cannot reach " + target.display(), "name not resolved");
    }
    writer = new UdpReplyWriter(stdout);
    group = transport.newGroup(1, new DefaultThreadFactory("nettool-udp-client"));
    Bootstrap b = new Bootstrap()
        .group(group)
        .channelFactory(transport.datagramChannelFactory(
            remote.getAddress() instanceof Inet4Address ? SocketProtocolFamily.INET : SocketProtocolFamily.INET6))
        .option(ChannelOption.RECVBUF_ALLOCATOR,
            new FixedRecvByteBufAllocator(RECEIVE_BUFFER).maxMessagesPerRead(Transport.READS_PER_WAKEUP))
        .option(ChannelOption.SO_RCVBUF, SOCKET_BUFFER)
        .handler(new UdpClientInitializer(config, events, report, run, writer, expectation));
    long t0 = System.nanoTime();
    ChannelFuture f = b.connect(remote).awaitUninterruptibly();
    if (!f.isSuccess()) {
      close();
      throw new NettoolException(ExitCode.CONNECT, "cannot reach " + target.display(),
          String.valueOf(f.cause().getMessage()), f.cause());
    }
    channel = f.channel();
    events.publish(NetEvents.connect(Endpoint.of(remote), Duration.ofNanos(System.nanoTime() - t0)));
    if (!config.ping()) {
      UdpDatagramSender.Source source =
          config.data().isEmpty() ? new UdpLineSource(stdin) : UdpDatagramSender.Source.of(config.data());
      Thread sender = new Thread(new UdpDatagramSender(channel, remote, source, run, events), "nettool-udp-send");
      // A sender blocked on an interactive stdin must not keep the process alive.
      sender.setDaemon(true);
      sender.start();
    }
    return run.outcome();
  }

  /**
   * Stops: a ping run cut short still prints its summary, as {@code ping} does on Ctrl-C; replies
   * already received reach stdout before this returns.
   */
  @Override
  public void close() {
    if (channel != null) {
      if (config.ping() && !run.isOver()) {
        channel.eventLoop().submit(() -> channel.pipeline().fireUserEventTriggered(UdpPingHandler.STOP))
            .awaitUninterruptibly(2, TimeUnit.SECONDS);
      }
      channel.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
      channel = null;
    }
    if (group != null) {
      group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
      group = null;
    }
    if (writer != null) {
      writer.close();
      writer = null;
    }
  }
}
