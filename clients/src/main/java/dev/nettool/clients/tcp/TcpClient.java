package dev.nettool.clients.tcp;

import dev.nettool.protocols.ExitCode;
import dev.nettool.protocols.NettoolException;
import dev.nettool.protocols.address.Endpoint;
import dev.nettool.protocols.event.EventSink;
import dev.nettool.protocols.expect.Expectation;
import dev.nettool.protocols.transport.Transport;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelOption;
import io.netty.channel.ConnectTimeoutException;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.channel.Channel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import dev.nettool.protocols.tls.TlsContexts;
import dev.nettool.protocols.tls.TlsEngine;
import dev.nettool.protocols.tls.TlsFailures;
import java.io.FileNotFoundException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * A TCP or Unix domain socket client, like Node's {@code net.connect}: {@link #connect} opens a connection
 * whose received bytes go to a {@link TcpClientOutput}; {@link #close()} closes it and releases the thread.
 */
public final class TcpClient implements AutoCloseable {
  private static final WriteBufferWaterMark WATER_MARK = new WriteBufferWaterMark(256 << 10, 1 << 20);

  private final TcpClientConfig config;
  private final EventSink sink;
  private final Transport transport;
  private final EventLoopGroup group;
  private final SslContext tls;
  private final Set<TcpClientConnection> connections = ConcurrentHashMap.newKeySet();

  public TcpClient(TcpClientConfig config, EventSink sink) {
    this.config = config;
    this.sink = sink;
    this.transport = Transport.select(config.transport());
    this.tls = config.tls() == null ? null : TlsContexts.client(config.tls(), TlsEngine.forHalfClose());
    this.group = transport.newGroup(1, new DefaultThreadFactory("nettool-tcp-client", true));
  }

  /** The transport actually in use. */
  public Transport transport() {
    return transport;
  }

  /**
   * Connects. Received bytes go to {@code output} (written on their own thread); when {@code expectation}
   * (may be null) is met, the connection is closed. The future fails with a {@link NettoolException} of
   * {@link ExitCode#CONNECT} when the target refuses, cannot be resolved or reached, or the connect timeout
   * runs out; with TLS it completes once the handshake has, and fails with {@link ExitCode#TLS} and the reason
   * (an unknown CA, an expired certificate, another host's certificate) when the handshake fails.
   */
  public CompletableFuture<TcpClientConnection> connect(TcpClientOutput output, Expectation expectation) {
    Endpoint target = config.target();
    boolean unix = target instanceof Endpoint.Unix;
    TcpClientState state = new TcpClientState();
    TcpClientOutputPump pump = new TcpClientOutputPump(output);
    Bootstrap b = new Bootstrap()
        .group(group)
        .channel(transport.socketChannel(unix))
        .option(ChannelOption.WRITE_BUFFER_WATER_MARK, WATER_MARK)
        .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE,
            Math.max(1, config.connectTimeout().toMillis())))
        .handler(new TcpClientInitializer(transport, sink, state, pump, expectation, target, tls, peerHost()));
    if (!unix) {
      b.option(ChannelOption.TCP_NODELAY, config.noDelay());
    }
    CompletableFuture<TcpClientConnection> connected = new CompletableFuture<>();
    SocketAddress address = target.socketAddress(transport);
    if (address instanceof InetSocketAddress inet && inet.isUnresolved()) {
      // Fail here rather than let the bootstrap's resolver try again, blocking the event loop.
      pump.end();
      connected.completeExceptionally(cannotConnect(target, unresolved(inet.getHostString())));
      return connected;
    }
    ChannelFuture f = b.connect(address);
    f.addListener((ChannelFutureListener) done -> {
      if (done.isSuccess() && tls != null) {
        done.channel().pipeline().get(SslHandler.class).handshakeFuture().addListener(hs -> {
          if (hs.isSuccess()) {
            connected.complete(register(done.channel(), target, state, pump));
          } else {
            pump.end();
            connected.completeExceptionally(
                new NettoolException(ExitCode.TLS, "tls", TlsFailures.describe(hs.cause()), hs.cause()));
          }
        });
      } else if (done.isSuccess()) {
        connected.complete(register(done.channel(), target, state, pump));
      } else {
        pump.end();
        connected.completeExceptionally(new NettoolException(ExitCode.CONNECT, "cannot connect to " + target.display(),
            failureDetail(done.cause(), address, config.connectTimeout()), done.cause()));
      }
    });
    return connected;
  }

  private TcpClientConnection register(Channel channel, Endpoint target, TcpClientState state,
      TcpClientOutputPump pump) {
    TcpClientConnection connection = new TcpClientConnection(channel, target, state, pump);
    connections.add(connection);
    connection.closed().whenComplete((r, e) -> connections.remove(connection));
    return connection;
  }

  // The name sent as SNI and checked against the server's certificate: --servername, else the target's host.
  private String peerHost() {
    if (config.tls() != null && config.tls().serverName() != null) {
      return config.tls().serverName();
    }
    return config.target() instanceof Endpoint.Inet inet ? inet.host() : "localhost";
  }

  /** Closes open connections, lets what they received reach the output (briefly), and stops the thread. */
  @Override
  public void close() {
    for (TcpClientConnection c : connections) {
      c.close();
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

  private static NettoolException cannotConnect(Endpoint target, String detail) {
    return new NettoolException(ExitCode.CONNECT, "cannot connect to " + target.display(), detail);
  }

  /**
   * The reason a connect failed, as the system says it, without the decorations transports add:
   * {@code Connection refused}, {@code No such file or directory}, {@code timed out after 10s}.
   */
  public static String failureDetail(Throwable cause, SocketAddress address, Duration connectTimeout) {
    if (cause instanceof ConnectTimeoutException) {
      return "timed out after " + compact(connectTimeout);
    }
    if (cause instanceof UnknownHostException) {
      String msg = cause.getMessage();
      int colon = msg == null ? -1 : msg.indexOf(": ");
      return colon < 0 ? "name not resolved" : msg.substring(colon + 2);
    }
    if (cause instanceof FileNotFoundException && cause.getMessage() == null) {
      return "No such file or directory"; // how the native transports report a missing socket file
    }
    String msg = TcpClientErrorReporter.describe(cause);
    String suffix = ": " + address;
    if (msg.endsWith(suffix) && msg.length() > suffix.length()) {
      msg = msg.substring(0, msg.length() - suffix.length());
    }
    return msg;
  }

  // The failed lookup is in the JDK's negative cache by now, so asking again for the reason is quick.
  private static String unresolved(String host) {
    try {
      InetAddress.getByName(host);
      return "name not resolved";
    } catch (UnknownHostException e) {
      return failureDetail(e, null, null);
    }
  }

  /** {@code 10s}, {@code 1.5s}, {@code 250ms}: a duration as the user would have typed it. */
  static String compact(Duration d) {
    long millis = d.toMillis();
    if (millis % 1000 == 0) {
      return millis / 1000 + "s";
    }
    return millis < 1000 ? millis + "ms" : (millis / 1000.0) + "s";
  }
}
