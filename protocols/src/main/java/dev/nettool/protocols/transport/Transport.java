package dev.nettool.protocols.transport;

import dev.nettool.protocols.ExitCode;
import dev.nettool.protocols.NettoolException;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFactory;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollDomainSocketChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerDomainSocketChannel;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.SocketProtocolFamily;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioDomainSocketChannel;
import io.netty.channel.socket.nio.NioServerDomainSocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.channel.uring.IoUring;
import io.netty.channel.uring.IoUringDatagramChannel;
import io.netty.channel.uring.IoUringDomainSocketChannel;
import io.netty.channel.uring.IoUringIoHandler;
import io.netty.channel.uring.IoUringServerDomainSocketChannel;
import io.netty.channel.uring.IoUringServerSocketChannel;
import io.netty.channel.uring.IoUringSocketChannel;
import io.netty.channel.unix.DomainSocketAddress;
import java.lang.reflect.Method;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadFactory;
import java.util.function.Function;

/**
 * A chosen transport: the event loop and channel classes for one of epoll, io_uring or NIO.
 *
 * <p>This is the only class that names native channel types; everything else asks it.
 */
public final class Transport {
  /**
   * Reads per readiness event, as Netty's socket and datagram channels default to. A receive allocator
   * made by hand (to size the buffers) must be told: on its own it reads once per wake-up.
   */
  public static final int READS_PER_WAKEUP = 16;

  private final TransportKind kind;
  private final String fallbackNote;

  private Transport(TransportKind kind, String fallbackNote) {
    this.kind = kind;
    this.fallbackNote = fallbackNote;
  }

  /**
   * Chooses the transport the user asked for. {@code auto} prefers epoll and falls back to NIO with
   * a note; an explicit transport that is unavailable is a usage error naming the cause.
   */
  public static Transport select(TransportKind requested) {
    return select(requested, Transport::nativeUnavailability);
  }

  /** As {@link #select(TransportKind)}, asking {@code why} why a native transport cannot run (null: it can). */
  static Transport select(TransportKind requested, Function<TransportKind, Throwable> why) {
    return switch (requested) {
      case AUTO -> why.apply(TransportKind.EPOLL) == null
          ? new Transport(TransportKind.EPOLL, null)
          : new Transport(TransportKind.NIO, "epoll unavailable: " + reason(why.apply(TransportKind.EPOLL)));
      case EPOLL, IO_URING -> {
        Throwable cause = why.apply(requested);
        if (cause != null) {
          throw unavailable(requested.label(), cause);
        }
        yield new Transport(requested, null);
      }
      case NIO -> new Transport(TransportKind.NIO, null);
    };
  }

  /**
   * Starts loading the epoll native library, Netty's buffer allocator and the annotations Netty
   * reads of every handler it adds, on a daemon thread, so that a short command's start overlaps them
   * with parsing its command line on another core. The first {@link #select} finds the library
   * ready, or waits for it as class initialisation does.
   */
  public static void preload() {
    Thread t = new Thread(new Preload(), "nettool-preload");
    t.setDaemon(true);
    t.start();
  }

  /** The preload, a named class: the first lambda of a run links the JDK's lambda machinery. */
  private static final class Preload implements Runnable {
    @Override
    public void run() {
      // In the order a client needs them: the transport, the allocator (a new channel's config
      // takes it), then the handlers' annotations (adding a handler reads them).
      Epoll.isAvailable();
      ByteBufAllocator.DEFAULT.directBuffer(1).release();
      // Netty asks each handler class for @Sharable and each handler method for its @Skip. The JDK
      // answers the first question about an annotation type by generating proxy classes for it
      // and for the annotations on it (9 ms of a one-shot client, on the thread building its
      // pipeline); asked here first, they are ready when the pipeline is built.
      ChannelInitializer.class.isAnnotationPresent(ChannelHandler.Sharable.class);
      for (Class<?> adapter : new Class<?>[] {ChannelInboundHandlerAdapter.class, ChannelDuplexHandler.class}) {
        for (Method m : adapter.getMethods()) {
          m.getAnnotations();
        }
      }
    }
  }

  private static Throwable nativeUnavailability(TransportKind kind) {
    if (kind == TransportKind.EPOLL) {
      return Epoll.isAvailable() ? null : orUnknown(Epoll.unavailabilityCause());
    }
    return IoUring.isAvailable() ? null : orUnknown(IoUring.unavailabilityCause());
  }

  private static Throwable orUnknown(Throwable cause) {
    return cause != null ? cause : new IllegalStateException("unknown reason");
  }

  /** Every transport that can run on this machine, for {@code --version} and for tests. */
  public static List<TransportKind> available() {
    List<TransportKind> kinds = new ArrayList<>();
    if (Epoll.isAvailable()) {
      kinds.add(TransportKind.EPOLL);
    }
    if (IoUring.isAvailable()) {
      kinds.add(TransportKind.IO_URING);
    }
    kinds.add(TransportKind.NIO);
    return kinds;
  }

  /** Why a native transport cannot run here, or empty when it can. */
  public static Optional<String> unavailabilityReason(TransportKind kind) {
    return switch (kind) {
      case EPOLL -> Epoll.isAvailable() ? Optional.empty() : Optional.of(reason(Epoll.unavailabilityCause()));
      case IO_URING -> IoUring.isAvailable()
          ? Optional.empty()
          : Optional.of(reason(IoUring.unavailabilityCause()));
      case NIO, AUTO -> Optional.empty();
    };
  }

  private static NettoolException unavailable(String name, Throwable cause) {
    return new NettoolException(
        ExitCode.USAGE, "--transport " + name, "not available here: " + reason(cause), cause);
  }

  private static String reason(Throwable cause) {
    if (cause == null) {
      return "unknown reason";
    }
    Throwable root = cause;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String msg = root.getMessage();
    return msg == null ? root.getClass().getSimpleName() : msg;
  }

  public TransportKind kind() {
    return kind;
  }

  /** The transport's name as shown in ready lines: {@code epoll}, {@code io_uring} or {@code nio}. */
  public String name() {
    return kind.label();
  }

  /** Why {@code auto} fell back to NIO, when it did. */
  public Optional<String> fallbackNote() {
    return Optional.ofNullable(fallbackNote);
  }

  /** A new event loop group of {@code threads} threads (0 means Netty's default). */
  public EventLoopGroup newGroup(int threads, ThreadFactory threadFactory) {
    return new MultiThreadIoEventLoopGroup(threads, threadFactory, ioHandlerFactory());
  }

  private IoHandlerFactory ioHandlerFactory() {
    return switch (kind) {
      case EPOLL -> EpollIoHandler.newFactory();
      case IO_URING -> IoUringIoHandler.newFactory();
      default -> NioIoHandler.newFactory();
    };
  }

  /** The server channel class for TCP ({@code unix=false}) or a Unix domain socket. */
  public Class<? extends ServerChannel> serverChannel(boolean unix) {
    return switch (kind) {
      case EPOLL -> unix ? EpollServerDomainSocketChannel.class : EpollServerSocketChannel.class;
      case IO_URING -> unix ? IoUringServerDomainSocketChannel.class : IoUringServerSocketChannel.class;
      default -> unix ? NioServerDomainSocketChannel.class : NioServerSocketChannel.class;
    };
  }

  /** The client channel class for TCP ({@code unix=false}) or a Unix domain socket. */
  public Class<? extends Channel> socketChannel(boolean unix) {
    return switch (kind) {
      case EPOLL -> unix ? EpollDomainSocketChannel.class : EpollSocketChannel.class;
      case IO_URING -> unix ? IoUringDomainSocketChannel.class : IoUringSocketChannel.class;
      default -> unix ? NioDomainSocketChannel.class : NioSocketChannel.class;
    };
  }

  /** The UDP channel class. */
  public Class<? extends DatagramChannel> datagramChannel() {
    return switch (kind) {
      case EPOLL -> EpollDatagramChannel.class;
      case IO_URING -> IoUringDatagramChannel.class;
      default -> NioDatagramChannel.class;
    };
  }

  /**
   * Makes UDP channels of one address family. A socket of the address's own family is what a
   * multicast group needs: io_uring cannot join an IPv4 group on the default dual-stack socket.
   */
  public ChannelFactory<DatagramChannel> datagramChannelFactory(SocketProtocolFamily family) {
    return switch (kind) {
      case EPOLL -> () -> new EpollDatagramChannel(family);
      case IO_URING -> () -> new IoUringDatagramChannel(family);
      default -> () -> new NioDatagramChannel(family);
    };
  }

  /**
   * Prepares a new stream channel for a long half-closed life: on epoll, pins its registration
   * (see {@link io.netty.channel.epoll.EpollInterestPin}) so that writes after the peer's FIN that
   * must wait for the socket cannot fail. A client calls it from the channel's initializer; a server's
   * listener calls it on each accepted channel before it is registered, where the pin rides on the
   * registration's own {@code epoll_ctl} instead of costing one more.
   */
  public void prepare(Channel ch) {
    if (kind == TransportKind.EPOLL) {
      io.netty.channel.epoll.EpollInterestPin.pin(ch);
    }
  }

  /** The socket address type this transport's domain socket channels accept for {@code path}. */
  public SocketAddress unixAddress(Path path) {
    return kind == TransportKind.NIO
        ? UnixDomainSocketAddress.of(path)
        : new DomainSocketAddress(path.toString());
  }

  @Override
  public String toString() {
    return name();
  }
}
