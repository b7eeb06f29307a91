package dev.nettool.servers.http;

import dev.nettool.protocols.ExitCode;
import dev.nettool.protocols.NettoolException;
import dev.nettool.protocols.address.Endpoint;
import dev.nettool.protocols.event.Event;
import dev.nettool.protocols.event.EventSink;
import dev.nettool.protocols.event.NetEvents;
import dev.nettool.protocols.server.StreamListener;
import dev.nettool.protocols.server.NetServer;
import dev.nettool.protocols.transport.Transport;
import dev.nettool.protocols.tls.TlsContexts;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.handler.ssl.SslContext;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * An HTTP/1.1 and HTTP/2 server, over TLS when its config has TLS material: {@link #start()} binds and returns
 * the real address, {@link #close(Duration)} stops accepting, lets open exchanges finish, and publishes the
 * summary.
 */
public final class HttpServer implements NetServer, AutoCloseable {
  private final HttpServerConfig config;
  private final EventSink sink;
  private final Transport transport;
  private final CompletableFuture<Void> done = new CompletableFuture<>();
  private final HttpServerStats stats;
  private final SslContext tls;
  private StreamListener listener;
  private long startNanos;

  public HttpServer(HttpServerConfig config, EventSink sink) {
    this.config = config;
    this.sink = sink;
    this.transport = Transport.select(config.transport());
    this.tls = config.tls() == null ? null : TlsContexts.server(config.tls(), HttpAlpnHandler.OFFERED);
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
    HttpRouteTable routes = HttpServerRoutes.build(config, sink);
    listener = StreamListener.bind(transport, threads(config), "nettool-http", config.listen(), sink,
        // No TCP_NODELAY option: Netty turns Nagle off on every TCP socket it accepts, and turning it off
        // again cost a second setsockopt per connection.
        b -> b.childHandler(new HttpServerInitializer(config, sink, stats, routes, tls)));
    return listener.bound();
  }

  /**
   * Event loop threads: as asked, or by default one per core. Unlike an echo, an HTTP exchange costs more
   * CPU in the server than in its client, so the server gets every core (measured on two cores shared
   * with wrk: about 8% more requests per second than with one thread).
   */
  static int threads(HttpServerConfig config) {
    return config.threads() > 0 ? config.threads() : Runtime.getRuntime().availableProcessors();
  }

  /**
   * The ready event: {@code listening http 127.0.0.1:8080 transport=epoll}; over TLS also {@code tls=on}, the
   * CA to trust when the certificate was made here, and the {@code https://} URL.
   */
  @Override
  public Event listeningEvent() {
    Endpoint bound = listener.bound();
    Map<String, Object> extra = new LinkedHashMap<>();
    if (config.tls() != null) {
      extra.put("tls", "on");
      if (config.tls().caFile() != null) {
        extra.put("ca", config.tls().caFile().toAbsolutePath().normalize().toString());
      }
      if (bound instanceof Endpoint.Inet) {
        extra.put("url", "https://" + bound.display() + "/");
      }
    }
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
    if (listener == null) {
      return;
    }
    listener.stopAccepting();
    stats.channels().forEach(ch -> ch.pipeline().fireUserEventTriggered(HttpPipelineGate.DRAIN));
    stats.drain(drain);
    sink.publish(HttpEvents.summary(stats.handled(), stats.requests(), stats.bytesIn(), stats.bytesOut(),
        Duration.ofNanos(System.nanoTime() - startNanos)));
    listener.shutdown();
    listener = null;
  }

  @Override
  public void close() {
    close(Duration.ofSeconds(2));
  }
}
