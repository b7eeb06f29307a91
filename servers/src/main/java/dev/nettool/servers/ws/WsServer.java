package dev.nettool.servers.ws;

import dev.nettool.protocols.ExitCode;
import dev.nettool.protocols.NettoolException;
import dev.nettool.protocols.address.Endpoint;
import dev.nettool.protocols.event.Event;
import dev.nettool.protocols.event.EventSink;
import dev.nettool.protocols.event.NetEvents;
import dev.nettool.protocols.server.NetServer;
import dev.nettool.protocols.server.StreamListener;
import dev.nettool.protocols.tls.TlsContexts;
import dev.nettool.protocols.transport.Transport;
import io.netty.channel.ChannelOption;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.handler.ssl.SslContext;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** A WebSocket server (ws, or wss with TLS material): {@link #start()} binds, {@link #close(Duration)} drains. */
public final class WsServer implements NetServer, AutoCloseable {
  private final WsServerConfig config;
  private final EventSink sink;
  private final Transport transport;
  private final CompletableFuture<Void> done = new CompletableFuture<>();
  private final WsServerStats stats;
  private final SslContext tls;
  private final WsSession session;
  private StreamListener listener;
  private long startNanos;

  public WsServer(WsServerConfig config, EventSink sink) {
    this.config = config;
    this.sink = sink;
    this.transport = Transport.select(config.transport());
    this.tls = config.tls() == null ? null : TlsContexts.server(config.tls());
    this.stats = new WsServerStats(config.count(), done, new DefaultChannelGroup(GlobalEventExecutor.INSTANCE));
    this.session = new WsSession(config.session(), sink, config.listen(), stats::closed);
  }

  /**
   * Binds and starts accepting; returns the bound address (with the real port when 0 was asked).
   *
   * @throws NettoolException with {@link ExitCode#LISTEN} when the address cannot be bound
   */
  @Override
  public Endpoint start() {
    startNanos = System.nanoTime();
    int threads = config.threads() > 0 ? config.threads() : Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
    // No TCP_NODELAY option, as in http-server: Netty turns Nagle off on every TCP socket it accepts.
    listener = StreamListener.bind(transport, threads, "nettool-ws", config.listen(), sink,
        b -> b.childHandler(new WsServerInitializer(config, sink, stats, tls, session))
            // As tcp-server: fewer writability flips under bulk echo, a stalled peer's share still bounded.
            .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(256 << 10, 1 << 20)));
    return listener.bound();
  }

  /** The URL clients connect to: {@code ws://127.0.0.1:41731/}, {@code wss://...} with TLS. */
  public String url() {
    Endpoint bound = listener.bound();
    String scheme = config.tls() == null ? "ws" : "wss";
    if (bound instanceof Endpoint.Inet inet) {
      String host = inet.host().contains(":") ? "[" + inet.host() + "]" : inet.host();
      return scheme + "://" + host + ":" + inet.port() + config.path();
    }
    // The notation of Node's ws package: ws+unix:///run/app.sock:/path
    return scheme + "+unix://" + ((Endpoint.Unix) bound).path().toAbsolutePath() + ":" + config.path();
  }

  /** The ready event: {@code listening ws 127.0.0.1:41731 transport=epoll url=ws://127.0.0.1:41731/ mode=echo}. */
  @Override
  public Event listeningEvent() {
    Endpoint bound = listener.bound();
    Map<String, Object> extra = new LinkedHashMap<>();
    extra.put("url", url());
    extra.put("mode", config.mode().label());
    if (!config.subprotocols().isEmpty()) {
      extra.put("subprotocols", String.join(",", config.subprotocols()));
    }
    if (config.compress()) {
      extra.put("compress", "permessage-deflate");
    }
    if (config.tls() != null) {
      extra.put("tls", "on");
      if (config.tls().caFile() != null) {
        extra.put("ca", config.tls().caFile().toAbsolutePath().normalize().toString());
      }
    }
    transport.fallbackNote().ifPresent(note -> extra.put("note", note));
    return NetEvents.listening("ws", bound, transport.name(), extra);
  }

  /** Completes when {@code --count} sessions were handled. */
  @Override
  public CompletableFuture<Void> done() {
    return done;
  }

  /** Connections open right now, upgraded or not. */
  public int openConnections() {
    return stats.open();
  }

  /**
   * Stops accepting, starts the closing handshake of every session (1001), lets them finish within {@code drain},
   * closes the rest, publishes the summary and releases the threads.
   */
  @Override
  public void close(Duration drain) {
    if (listener == null) {
      return;
    }
    listener.stopAccepting();
    session.goingAway();
    stats.drain(drain);
    sink.publish(NetEvents.summary("ws", stats.handled(), stats.bytesIn(), stats.bytesOut(),
        Duration.ofNanos(System.nanoTime() - startNanos)));
    listener.shutdown();
    listener = null;
  }

  @Override
  public void close() {
    close(Duration.ofSeconds(2));
  }
}
