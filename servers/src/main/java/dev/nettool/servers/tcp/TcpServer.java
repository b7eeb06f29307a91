package dev.nettool.servers.tcp;

import dev.nettool.protocols.ExitCode;
import dev.nettool.protocols.NettoolException;
import dev.nettool.protocols.address.Endpoint;
import dev.nettool.protocols.event.EventSink;
import dev.nettool.protocols.event.NetEvents;
import dev.nettool.protocols.server.StreamListener;
import dev.nettool.protocols.server.NetServer;
import dev.nettool.protocols.transport.Transport;
import io.netty.channel.AdaptiveRecvByteBufAllocator;
import io.netty.channel.ChannelOption;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.handler.ssl.SslContext;
import dev.nettool.protocols.tls.TlsContexts;
import dev.nettool.protocols.tls.TlsEngine;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** A TCP server: {@link #start()} binds and returns the real address, {@link #close(Duration)} drains and stops. */
public final class TcpServer implements NetServer, AutoCloseable {
  private final TcpServerConfig config;
  private final EventSink sink;
  private final Transport transport;
  private final CompletableFuture<Void> done = new CompletableFuture<>();
  private final TcpServerStats stats;
  private final SslContext tls;
  private TcpServerInitializer initializer;
  private StreamListener listener;
  private long startNanos;

  public TcpServer(TcpServerConfig config, EventSink sink) {
    this.config = config;
    this.sink = sink;
    this.transport = Transport.select(config.transport());
    this.tls = config.tls() == null ? null : TlsContexts.server(config.tls(), TlsEngine.forHalfClose());
    this.stats = new TcpServerStats(config.count(), done, new DefaultChannelGroup(GlobalEventExecutor.INSTANCE));
  }

  /**
   * Binds and starts accepting; returns the bound address (with the real port when 0 was asked).
   *
   * @throws NettoolException with {@link ExitCode#LISTEN} when the address cannot be bound
   */
  @Override
  public Endpoint start() {
    startNanos = System.nanoTime();
    listener = StreamListener.bind(transport, threads(config), "nettool-tcp", config.listen(), sink,
        b -> {
          b.childHandler(initializer = new TcpServerInitializer(config, sink, stats, transport, done, tls))
              // Netty's default 32K/64K marks flip writability on nearly every 64K read under bulk
              // load, each flip costing an epoll_ctl pair; 1 MB still bounds a stalled peer's share.
              .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(256 << 10, 1 << 20))
              .childOption(ChannelOption.RECVBUF_ALLOCATOR, readAllocator());
          // Netty turns Nagle off (TCP_NODELAY) on every TCP socket it accepts, on every transport: only
          // turning it back on takes a setsockopt. Turning it off again cost a second one per connection.
          if (!config.noDelay() && !(config.listen() instanceof Endpoint.Unix)) {
            b.childOption(ChannelOption.TCP_NODELAY, false);
          }
        });
    return listener.bound();
  }

  /**
   * How a connection sizes its reads: Netty's adaptive guess, but never below 512 bytes. At Netty's
   * 64-byte floor a stream of 64-byte messages fills every buffer exactly, which reads as "maybe
   * more", so every ninth read or so was an extra {@code recv} that found nothing. As many reads per
   * wake-up as the channel's own default allows (a hand-made allocator would do one).
   */
  static AdaptiveRecvByteBufAllocator readAllocator() {
    AdaptiveRecvByteBufAllocator allocator = new AdaptiveRecvByteBufAllocator(512, 2048, 65536);
    allocator.maxMessagesPerRead(Transport.READS_PER_WAKEUP);
    return allocator;
  }

  /**
   * Event loop threads: as asked, or by default one per two cores. A test server usually shares the
   * machine with the clients that load it; measured on two cores, one loop serves 64 ping-pong
   * connections 30% faster than Netty's default of two per core, and bulk echo as fast.
   */
  static int threads(TcpServerConfig config) {
    return config.threads() > 0 ? config.threads() : Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
  }

  /** The ready event for the bound address: mode, Nagle setting, transport and, over TLS, the CA to trust. */
  @Override
  public dev.nettool.protocols.event.Event listeningEvent() {
    Endpoint bound = listener.bound();
    Map<String, Object> extra = new LinkedHashMap<>();
    extra.put("mode", config.mode().label());
    if (!(bound instanceof Endpoint.Unix)) {
      extra.put("nodelay", config.noDelay() ? "on" : "off");
    }
    if (config.tls() != null) {
      extra.put("tls", "on");
      if (config.tls().caFile() != null) {
        extra.put("ca", config.tls().caFile().toAbsolutePath().normalize().toString());
      }
    }
    transport.fallbackNote().ifPresent(note -> extra.put("note", note));
    return NetEvents.listening(bound instanceof Endpoint.Unix ? "unix" : "tcp", bound, transport.name(), extra);
  }

  /** Completes when {@code --count} connections were handled, or when pipe mode has finished. */
  @Override
  public CompletableFuture<Void> done() {
    return done;
  }

  /** The transport actually in use. */
  public Transport transport() {
    return transport;
  }

  /** Connections open right now. */
  public int openConnections() {
    return stats.open();
  }

  /**
   * Stops accepting, lets open connections finish within {@code drain}, closes the rest, publishes the
   * summary and releases the threads.
   */
  @Override
  public void close(Duration drain) {
    if (listener == null) {
      return;
    }
    listener.stopAccepting();
    // Open exchanges may finish within the drain time; what is left is closed, and the summary
    // waits until every close event is out so that it is the last line.
    stats.drain(drain);
    initializer.close();
    sink.publish(NetEvents.summary("tcp", stats.handled(), stats.bytesIn(), stats.bytesOut(),
        Duration.ofNanos(System.nanoTime() - startNanos)));
    listener.shutdown();
    listener = null;
  }

  @Override
  public void close() {
    close(Duration.ofSeconds(2));
  }
}
