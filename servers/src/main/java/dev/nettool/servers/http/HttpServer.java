package dev.nettool.servers.http;

import dev.nettool.protocols.ExitCode;
import dev.nettool.protocols.NettoolException;
import dev.nettool.protocols.address.Endpoint;
import dev.nettool.protocols.event.ErrorDetail;
import dev.nettool.protocols.event.Event;
import dev.nettool.protocols.event.EventSink;
import dev.nettool.protocols.event.NetEvents;
import dev.nettool.protocols.server.AcceptBackoff;
import dev.nettool.protocols.server.NetServer;
import dev.nettool.protocols.transport.Transport;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * An HTTP/1.1 server: {@link #start()} binds and returns the real address, {@link #close(Duration)}
 * stops accepting, lets open exchanges finish, and publishes the summary.
 */
public final class HttpServer implements NetServer, AutoCloseable {
  private final HttpServerConfig config;
  private final EventSink sink;
  private final Transport transport;
  private final CompletableFuture<Void> done = new CompletableFuture<>();
  private final HttpServerStats stats;
  private EventLoopGroup group;
  private Channel serverChannel;
  private Endpoint bound;
  private long startNanos;

  public HttpServer(HttpServerConfig config, EventSink sink) {
    this.config = config;
    this.sink = sink;
    this.transport = Transport.select(config.transport());
    this.stats = new HttpServerStats(config.count(), done, new DefaultChannelGroup(GlobalEventExecutor.INSTANCE));
  }

  /**
   * Binds and starts accepting; returns the bound address (with the real port when 0 was asked).
   *
   * @throws NettoolException with {@link ExitCode#LISTEN} when the address cannot be bound
   */
  @Override
  public Endpoint start() {
    startNanos = System.nanoTime();
    // The route table is built once and shared: it is immutable.
    HttpRouteTable routes = HttpServerRoutes.build(config);
    group = transport.newGroup(threads(config), new DefaultThreadFactory("nettool-http"));
    boolean unix = config.listen() instanceof Endpoint.Unix;
    ServerBootstrap b = new ServerBootstrap()
        .group(group)
        .channel(transport.serverChannel(unix))
        .handler(new AcceptBackoff(sink))
        .childHandler(new HttpServerInitializer(config, sink, stats, transport, routes))
        .option(ChannelOption.SO_BACKLOG, 1024);
    if (!unix) {
      b.option(ChannelOption.SO_REUSEADDR, true).childOption(ChannelOption.TCP_NODELAY, true);
    }
    ChannelFuture f = b.bind(config.listen().socketAddress(transport)).awaitUninterruptibly();
    if (!f.isSuccess()) {
      group.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
      group = null;
      throw new NettoolException(ExitCode.LISTEN, "cannot listen on " + config.listen().display(),
          ErrorDetail.of(f.cause()), f.cause());
    }
    serverChannel = f.channel();
    bound = unix ? config.listen() : Endpoint.of(serverChannel.localAddress());
    return bound;
  }

  /**
   * Event loop threads: as asked, or by default one per core. Unlike an echo, an HTTP exchange costs more
   * CPU in the server than in its client, so the server gets every core (measured on two cores shared
   * with wrk: about 8% more requests per second than with one thread).
   */
  static int threads(HttpServerConfig config) {
    return config.threads() > 0 ? config.threads() : Runtime.getRuntime().availableProcessors();
  }

  /** The ready event: {@code listening http 127.0.0.1:8080 transport=epoll}. */
  @Override
  public Event listeningEvent() {
    Map<String, Object> extra = new LinkedHashMap<>();
    transport.fallbackNote().ifPresent(note -> extra.put("note", note));
    return NetEvents.listening("http", bound, transport.name(), extra);
  }

  /** Completes once {@code --count} requests were answered completely. */
  @Override
  public CompletableFuture<Void> done() {
    return done;
  }

  public Transport transport() {
    return transport;
  }

  /** Connections open right now. */
  public int openConnections() {
    return stats.open();
  }

  /**
   * Stops accepting, closes idle connections at once and the others after their open exchange, waits
   * up to {@code drain} for them, closes the rest, publishes the summary and releases the threads.
   */
  @Override
  public void close(Duration drain) {
    if (group == null) {
      return;
    }
    if (serverChannel != null) {
      serverChannel.close().awaitUninterruptibly();
    }
    stats.channels().forEach(ch -> ch.pipeline().fireUserEventTriggered(HttpPipelineGate.DRAIN));
    stats.drain(drain);
    sink.publish(HttpEvents.summary(stats.handled(), stats.requests(), stats.bytesIn(), stats.bytesOut(),
        Duration.ofNanos(System.nanoTime() - startNanos)));
    group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    group = null;
    if (bound instanceof Endpoint.Unix unix) {
      try {
        Files.deleteIfExists(unix.path());
      } catch (IOException ignored) {
        // a socket file we cannot remove is left for the next bind to report
      }
    }
  }

  @Override
  public void close() {
    close(Duration.ofSeconds(2));
  }
}
