package dev.nettool.servers.udp;

import dev.nettool.protocols.ExitCode;
import dev.nettool.protocols.NettoolException;
import dev.nettool.protocols.address.Endpoint;
import dev.nettool.protocols.event.ErrorDetail;
import dev.nettool.protocols.event.Event;
import dev.nettool.protocols.event.EventSink;
import dev.nettool.protocols.event.NetEvents;
import dev.nettool.protocols.server.NetServer;
import dev.nettool.protocols.transport.Transport;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.SocketProtocolFamily;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/** A UDP server: {@link #start()} binds (and joins groups) and returns the real address, {@link #close(Duration)} stops. */
public final class UdpServer implements NetServer, AutoCloseable {
  /** Room for the largest datagram (65,507 bytes over IPv4, 65,527 over IPv6), so none is truncated. */
  static final int MAX_DATAGRAM = 65536;
  /** Asked of the kernel for bursts; it caps the value at net.core.rmem_max. */
  static final int SOCKET_BUFFER = 4 << 20;

  private final UdpServerConfig config;
  private final EventSink sink;
  private final Transport transport;
  private final CompletableFuture<Void> done = new CompletableFuture<>();
  private final UdpServerStats stats;
  private EventLoopGroup group;
  private DatagramChannel channel;
  private NetworkInterface joinedOn;
  private Endpoint bound;
  private long startNanos;

  public UdpServer(UdpServerConfig config, EventSink sink) {
    this.config = config;
    this.sink = sink;
    this.transport = Transport.select(config.transport());
    this.stats = new UdpServerStats(config.count(), done);
  }

  /**
   * Binds, joins the multicast groups, and returns the bound address (with the real port when 0 was asked).
   *
   * @throws NettoolException with {@link ExitCode#LISTEN} when the address cannot be bound or a group joined
   */
  @Override
  public Endpoint start() {
    startNanos = System.nanoTime();
    boolean multicast = !config.groups().isEmpty();
    NetworkInterface nif = multicast ? networkInterface() : null;
    InetSocketAddress address = bindAddress();
    group = transport.newGroup(1, new DefaultThreadFactory("nettool-udp"));
    Bootstrap b = new Bootstrap()
        .group(group)
        .channelFactory(transport.datagramChannelFactory(
            address.getAddress() instanceof Inet4Address ? SocketProtocolFamily.INET : SocketProtocolFamily.INET6))
        // Netty's default allocator guesses from 2,048 bytes and would cut larger datagrams short. A
        // hand-made allocator reads one datagram per wake-up unless told otherwise; with the channel's
        // own default, a burst is read, echoed and flushed (sendmmsg) together.
        .option(ChannelOption.RECVBUF_ALLOCATOR,
            new FixedRecvByteBufAllocator(MAX_DATAGRAM).maxMessagesPerRead(Transport.READS_PER_WAKEUP))
        .option(ChannelOption.SO_RCVBUF, SOCKET_BUFFER)
        .option(ChannelOption.SO_SNDBUF, SOCKET_BUFFER)
        // Several receivers of one group on one host is normal in a lab; a unicast port stays exclusive.
        .option(ChannelOption.SO_REUSEADDR, multicast)
        .handler(new UdpServerInitializer(config.mode(), sink, stats));
    ChannelFuture f = b.bind(address).awaitUninterruptibly();
    if (!f.isSuccess()) {
      shutdownGroup();
      throw new NettoolException(ExitCode.LISTEN, "cannot listen on " + config.listen().display(),
          message(f.cause()), f.cause());
    }
    channel = (DatagramChannel) f.channel();
    for (InetAddress g : config.groups()) {
      join(g, nif);
    }
    joinedOn = nif;
    bound = Endpoint.of(channel.localAddress());
    return bound;
  }

  private InetSocketAddress bindAddress() {
    if (config.groups().isEmpty()) {
      InetSocketAddress a = (InetSocketAddress) config.listen().socketAddress(transport);
      if (a.isUnresolved()) {
        throw new NettoolException(ExitCode.LISTEN, "cannot listen on " + config.listen().display(),
            "cannot resolve " + config.listen().host());
      }
      return a;
    }
    // A socket receives a group's datagrams only when bound to the wildcard (or the group) address.
    String wildcard = config.groups().get(0) instanceof Inet4Address ? "0.0.0.0" : "::";
    return new InetSocketAddress(wildcard, config.listen().port());
  }

  private void join(InetAddress g, NetworkInterface nif) {
    Throwable failure;
    try {
      failure = channel.joinGroup(new InetSocketAddress(g, 0), nif).awaitUninterruptibly().cause();
    } catch (RuntimeException e) {
      failure = e; // io_uring throws instead of failing the future
    }
    if (failure != null) {
      channel.close().awaitUninterruptibly();
      shutdownGroup();
      throw new NettoolException(ExitCode.LISTEN, "cannot join " + g.getHostAddress() + " on " + nif.getName(),
          message(failure), failure);
    }
  }

  private NetworkInterface networkInterface() {
    try {
      if (config.networkInterface() != null) {
        NetworkInterface nif = NetworkInterface.getByName(config.networkInterface());
        if (nif == null) {
          throw new NettoolException(ExitCode.USAGE, "--interface", "no interface named '"
              + config.networkInterface() + "'");
        }
        return nif;
      }
      return NetworkInterface.networkInterfaces().filter(UdpServer::isLoopback).findFirst()
          .orElseThrow(() -> new NettoolException(ExitCode.USAGE, "--interface",
              "no loopback interface found; name one"));
    } catch (SocketException e) {
      throw new NettoolException(ExitCode.LISTEN, "--interface", message(e), e);
    }
  }

  private static boolean isLoopback(NetworkInterface nif) {
    try {
      return nif.isLoopback();
    } catch (SocketException e) {
      return false;
    }
  }

  /** The ready event for the bound address: mode, transport and joined groups included. */
  @Override
  public Event listeningEvent() {
    Map<String, Object> extra = new LinkedHashMap<>();
    extra.put("mode", config.mode().label());
    if (joinedOn != null) {
      extra.put("join", config.groups().stream().map(InetAddress::getHostAddress).collect(Collectors.joining(",")));
      extra.put("interface", joinedOn.getName());
    }
    transport.fallbackNote().ifPresent(note -> extra.put("note", note));
    return NetEvents.listening("udp", bound, transport.name(), extra);
  }

  /** Completes when {@code --count} datagrams were handled (echoes sent). */
  @Override
  public CompletableFuture<Void> done() {
    return done;
  }

  /** The bound channel, for the tests of this package. */
  DatagramChannel channel() {
    return channel;
  }

  /** The transport actually in use. */
  public Transport transport() {
    return transport;
  }

  /**
   * Stops receiving, sends what is queued, closes, publishes the summary and releases the thread.
   * A datagram server has no exchanges in flight beyond its queued replies, so {@code drain} only
   * bounds that last flush.
   */
  @Override
  public void close(Duration drain) {
    if (group == null) {
      return;
    }
    if (channel != null) {
      channel.config().setAutoRead(false);
      channel.flush();
      channel.close().awaitUninterruptibly(drain.toMillis() + 1000);
    }
    sink.publish(NetEvents.summary("udp", stats.datagrams(), stats.bytesIn(), stats.bytesOut(),
        Duration.ofNanos(System.nanoTime() - startNanos)));
    shutdownGroup();
  }

  private void shutdownGroup() {
    group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    group = null;
  }

  private static String message(Throwable cause) {
    return ErrorDetail.of(cause);
  }

  @Override
  public void close() {
    close(Duration.ofSeconds(2));
  }
}
