package dev.nettool.clients.http;

import dev.nettool.clients.tcp.TcpClient;
import dev.nettool.clients.tcp.TcpClientOutput;
import dev.nettool.clients.tcp.TcpClientOutputPump;
import dev.nettool.protocols.ExitCode;
import dev.nettool.protocols.NettoolException;
import dev.nettool.protocols.address.Endpoint;
import dev.nettool.protocols.event.ErrorDetail;
import dev.nettool.protocols.event.EventSink;
import dev.nettool.protocols.expect.Expectation;
import dev.nettool.protocols.tls.TlsFailures;
import dev.nettool.protocols.transport.Transport;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelOption;
import io.netty.channel.ConnectTimeoutException;
import io.netty.channel.EventLoopGroup;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.channels.ClosedChannelException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * A curl-like HTTP/1.1 and HTTP/2 client: {@link #exchange} sends the configured request (over TLS for
 * {@code https://}), follows redirects when asked (one connection per hop, http and https alike), writes the final body to an output (on its own thread, with back-pressure) or
 * keeps it, and completes with the {@link HttpClientResult}; {@link #close()} releases the thread.
 */
public final class HttpClient implements AutoCloseable {
  private final HttpClientConfig config;
  private final EventSink sink;
  private final Transport transport;
  private final EventLoopGroup group;
  private final Set<Channel> open = ConcurrentHashMap.newKeySet();
  private final HttpClientTls tls;

  public HttpClient(HttpClientConfig config, EventSink sink) {
    this.config = config;
    this.sink = sink;
    this.transport = Transport.select(config.transport());
    this.group = transport.newGroup(1, new DefaultThreadFactory("nettool-http-client", true));
    this.tls = new HttpClientTls(config.tls(), config.http2());
  }

  /** The transport actually in use. */
  public Transport transport() {
    return transport;
  }

  /** Whether a response with {@code status} and {@code location} is a redirect this run follows. */
  static boolean follows(HttpClientConfig config, int status, String location) {
    return config.followRedirects() && location != null
        && (status == 301 || status == 302 || status == 303 || status == 307 || status == 308);
  }

  /**
   * Runs the exchange. The body (and with {@code -i} every head) goes to {@code output} unless the config
   * keeps it. The future fails with a {@link NettoolException}: {@link ExitCode#CONNECT} when the server
   * cannot be reached, {@link ExitCode#TIMEOUT} when connecting takes too long, {@link ExitCode#TLS} when the
   * handshake fails (the reason in plain words), {@link ExitCode#PROTOCOL} for a malformed or cut-short
   * response, {@link ExitCode#FAILURE} otherwise.
   */
  public CompletableFuture<HttpClientResult> exchange(TcpClientOutput output) {
    TcpClientOutputPump pump = config.aggregate() ? null : new TcpClientOutputPump(output);
    CompletableFuture<HttpClientResult> result = new CompletableFuture<>();
    hop(config.request(), 0, pump, System.nanoTime(), result);
    return result.handle((r, e) -> e).thenCompose(e -> {
      CompletableFuture<Void> drained = pump == null ? CompletableFuture.completedFuture(null) : pump.end();
      return drained.thenApply(v -> {
        if (e != null) {
          throw e instanceof CompletionException c ? c : new CompletionException(e);
        }
        if (pump != null && pump.failure() != null) {
          throw new NettoolException(ExitCode.FAILURE, "cannot write the body", pump.failure());
        }
        return result.join();
      });
    });
  }

  private void hop(HttpRequestSpec spec, int redirects, TcpClientOutputPump pump, long start,
      CompletableFuture<HttpClientResult> result) {
    HttpClientExchange ex = new HttpClientExchange(spec, start, config.expectations().bodyWatchers());
    Endpoint target = spec.url().endpoint();
    SocketAddress address = target.socketAddress(transport);
    if (address instanceof InetSocketAddress inet && inet.isUnresolved()) {
      result.completeExceptionally(new NettoolException(ExitCode.CONNECT, "cannot connect to " + target.display(),
          "name not resolved"));
      return;
    }
    if (spec.url().https()) {
      try {
        tls.prepare();
      } catch (NettoolException e) {
        result.completeExceptionally(e);
        return;
      }
    }
    HttpClientInitializer init = new HttpClientInitializer(transport, sink, config, ex, pump,
        spec.url().https() ? tls : null, redirects + 1);
    Channel ch = new Bootstrap()
        .group(group)
        .channel(transport.socketChannel(false))
        .option(ChannelOption.TCP_NODELAY, true)
        .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE,
            Math.max(1, config.connectTimeout().toMillis())))
        .handler(init)
        .connect(address)
        .addListener((ChannelFutureListener) f -> connected(f.channel(), f.cause(), ex, address, init))
        .channel();
    open.add(ch);
    ch.closeFuture().addListener(f -> open.remove(ch));
    ex.done().whenComplete((done, err) -> {
      ch.close();
      if (err != null) {
        result.completeExceptionally(err);
      } else {
        next(done, redirects, pump, start, result);
      }
    });
  }

  private void connected(Channel ch, Throwable cause, HttpClientExchange ex, SocketAddress address,
      HttpClientInitializer init) {
    if (cause != null) {
      String what = "cannot connect to " + ex.request.url().endpoint().display();
      ex.fail(cause instanceof ConnectTimeoutException ? ExitCode.TIMEOUT : ExitCode.CONNECT, what,
          TcpClient.failureDetail(cause, address, config.connectTimeout()));
      return;
    }
    SslHandler ssl = ch.pipeline().get(SslHandler.class);
    if (ssl == null) {
      ready(ch, ex, config.http2(), init);
      return;
    }
    // The protocol is known once ALPN has settled it: HTTP/2 only when the server chose h2.
    ssl.handshakeFuture().addListener(hs -> {
      if (!hs.isSuccess()) {
        ex.fail(ExitCode.TLS, "tls", TlsFailures.describe(hs.cause()));
        return;
      }
      boolean h2 = HttpClientTls.negotiatedH2(ssl);
      init.protocol(ch.pipeline(), h2);
      ready(ch, ex, h2, init);
    });
  }

  // Sends the request on the connection itself (HTTP/1.1) or on a new stream of it (HTTP/2).
  private void ready(Channel ch, HttpClientExchange ex, boolean h2, HttpClientInitializer init) {
    if (!h2) {
      send(ch, ex, HttpVersion.HTTP_1_1);
      return;
    }
    HttpClientHttp2.open(ch, init.stream()).addListener(f -> {
      if (f.isSuccess()) {
        send((Channel) f.getNow(), ex, HttpClientHttp2.VERSION);
      } else {
        ex.fail(ExitCode.PROTOCOL, "cannot open an HTTP/2 stream to " + ex.request.url(), ErrorDetail.of(f.cause()));
      }
    });
  }

  private void send(Channel ch, HttpClientExchange ex, HttpVersion version) {
    try {
      HttpClientRequests.write(ch, ex.request, config, version).addListener((ChannelFutureListener) w -> {
        // A server may answer and close before taking the whole body (a 413): the response decides then.
        if (!w.isSuccess() && !(w.cause() instanceof ClosedChannelException) && !ex.hasHead()) {
          ex.fail(ExitCode.FAILURE, "cannot send the request to " + ex.request.url(), ErrorDetail.of(w.cause()));
        }
      });
    } catch (IOException | RuntimeException e) {
      ex.fail(ExitCode.FAILURE, "cannot send the request body", ErrorDetail.of(e));
    }
  }

  private void next(HttpClientExchange done, int redirects, TcpClientOutputPump pump, long start,
      CompletableFuture<HttpClientResult> result) {
    String location = done.headers.stream().filter(h -> h.getKey().equalsIgnoreCase("location"))
        .map(h -> h.getValue()).findFirst().orElse(null);
    if (!follows(config, done.status, location)) {
      result.complete(toResult(done, redirects, start));
      return;
    }
    if (redirects >= config.maxRedirects()) {
      result.completeExceptionally(new NettoolException(ExitCode.FAILURE, "too many redirects",
          "maximum (" + config.maxRedirects() + ") redirects followed"));
      return;
    }
    HttpUrl nextUrl;
    try {
      nextUrl = done.request.url().resolve(location);
    } catch (IllegalArgumentException e) {
      result.completeExceptionally(new NettoolException(ExitCode.FAILURE, "cannot follow the redirect to "
          + location, e.getMessage()));
      return;
    }
    HttpRequestSpec spec = done.request.redirectedTo(done.status, nextUrl);
    // Off the event loop: resolving the next host name may block.
    CompletableFuture.runAsync(() -> hop(spec, redirects + 1, pump, start, result));
  }

  private static HttpClientResult toResult(HttpClientExchange ex, int redirects, long start) {
    List<String> unmet = ex.watchers.stream().filter(w -> !w.met()).map(Expectation::describe).toList();
    return new HttpClientResult(ex.request.url(), ex.status, ex.reason, ex.version, ex.headers, ex.takeKept(),
        ex.bodyBytes, Duration.ofNanos(ex.connectNanos), Duration.ofNanos(ex.firstByteNanos - start),
        Duration.ofNanos(ex.endNanos - start), redirects, unmet, ex.tls);
  }

  /** Closes open connections and stops the thread. */
  @Override
  public void close() {
    open.forEach(Channel::close);
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
  }
}
