package dev.nettool.clients.ws;

import dev.nettool.clients.tcp.TcpClient;
import dev.nettool.clients.tcp.TcpClientOutput;
import dev.nettool.clients.tcp.TcpClientOutputPump;
import dev.nettool.protocols.ExitCode;
import dev.nettool.protocols.NettoolException;
import dev.nettool.protocols.event.EventSink;
import dev.nettool.protocols.tls.TlsContexts;
import dev.nettool.protocols.transport.Transport;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshakerFactory;
import io.netty.handler.codec.http.websocketx.WebSocketVersion;
import io.netty.handler.ssl.SslContext;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * A WebSocket client, like the browser's {@code new WebSocket(url)}: {@link #connect} opens a connection, upgrades
 * it, and writes what arrives to a {@link TcpClientOutput}; {@link #close()} closes it and releases the thread.
 */
public final class WsClient implements AutoCloseable {
  private static final WriteBufferWaterMark WATER_MARK = new WriteBufferWaterMark(256 << 10, 1 << 20);

  private final WsClientConfig config;
  private final EventSink sink;
  private final Transport transport;
  private final EventLoopGroup group;
  private final SslContext tls;
  private final Set<WsClientConnection> connections = ConcurrentHashMap.newKeySet();

  public WsClient(WsClientConfig config, EventSink sink) {
    this.config = config;
    this.sink = sink;
    this.transport = Transport.select(config.transport());
    this.tls = config.tls() == null ? null : TlsContexts.client(config.tls());
    this.group = transport.newGroup(1, new DefaultThreadFactory("nettool-ws-client", true));
  }

  /**
   * Connects and upgrades. Received messages are formatted by the run and written to {@code output} (on their
   * own thread). The future fails with a {@link NettoolException}: {@link ExitCode#CONNECT} when the target
   * refuses or cannot be reached, {@link ExitCode#TLS} when the TLS handshake fails, {@link ExitCode#PROTOCOL}
   * when the server refuses the upgrade ({@code upgrade refused: 404 Not Found}).
   */
  public CompletableFuture<WsClientConnection> connect(TcpClientOutput output, WsClientRun run) {
    WsClientState state = new WsClientState();
    TcpClientOutputPump pump = new TcpClientOutputPump(output);
    WsUrl url = config.url();
    Bootstrap b = new Bootstrap()
        .group(group)
        .channel(transport.socketChannel(false))
        .option(ChannelOption.WRITE_BUFFER_WATER_MARK, WATER_MARK)
        .option(ChannelOption.TCP_NODELAY, true)
        .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE,
            Math.max(1, config.connectTimeout().toMillis())))
        .handler(new WsClientInitializer(transport, config, this::handshaker, tls, peerHost(), sink, state, run,
            pump));
    CompletableFuture<WsClientConnection> connected = new CompletableFuture<>();
    SocketAddress address = url.endpoint().socketAddress(transport);
    if (address instanceof InetSocketAddress inet && inet.isUnresolved()) {
      pump.end();
      connected.completeExceptionally(new NettoolException(ExitCode.CONNECT, "cannot connect to "
          + url.endpoint().display(), "name not resolved"));
      return connected;
    }
    b.connect(address).addListener((ChannelFutureListener) done -> {
      if (!done.isSuccess()) {
        pump.end();
        connected.completeExceptionally(new NettoolException(ExitCode.CONNECT, "cannot connect to "
            + url.endpoint().display(), TcpClient.failureDetail(done.cause(), address, config.connectTimeout()),
            done.cause()));
        return;
      }
      Channel ch = done.channel();
      state.upgraded().whenComplete((subprotocol, failure) -> {
        if (failure != null) {
          pump.end();
          connected.completeExceptionally(failure);
        } else {
          connected.complete(register(ch, state, subprotocol, pump));
        }
      });
    });
    return connected;
  }

  private WsClientConnection register(Channel ch, WsClientState state, String subprotocol, TcpClientOutputPump pump) {
    WsClientConnection c = new WsClientConnection(ch, state, new WsClientCloser(state, config.closeTimeout()),
        subprotocol, pump);
    connections.add(c);
    c.closed().whenComplete((r, e) -> connections.remove(c));
    return c;
  }

  private WebSocketClientHandshaker handshaker() {
    HttpHeaders headers = new DefaultHttpHeaders();
    for (Map.Entry<String, String> h : config.headers()) {
      headers.add(h.getKey(), h.getValue());
    }
    String subprotocols = config.subprotocols().isEmpty() ? null : String.join(",", config.subprotocols());
    return WebSocketClientHandshakerFactory.newHandshaker(config.url().uri(), WebSocketVersion.V13, subprotocols,
        false, headers, config.maxMessage(), true, false, -1, false, false);
  }

  // The name sent as SNI and checked against the server's certificate: --servername, else the URL's host.
  private String peerHost() {
    if (config.tls() != null && config.tls().serverName() != null) {
      return config.tls().serverName();
    }
    return config.url().host();
  }

  /** Drops open connections, lets what they received reach the output (briefly), and stops the thread. */
  @Override
  public void close() {
    for (WsClientConnection c : connections) {
      c.abort();
      try {
        c.closed().get(2, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (Exception e) {
        // the output is stuck or failed: nothing more to do for it here
      }
    }
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
  }
}
