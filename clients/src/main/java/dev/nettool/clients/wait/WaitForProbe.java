package dev.nettool.clients.wait;

import dev.nettool.clients.http.HttpUrl;
import dev.nettool.protocols.address.Endpoint;
import dev.nettool.protocols.event.EventSink;
import dev.nettool.protocols.event.Verbosity;
import dev.nettool.protocols.transport.Transport;
import dev.nettool.protocols.unit.Durations;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ConnectTimeoutException;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.resolver.NoopAddressResolverGroup;
import io.netty.util.concurrent.ScheduledFuture;
import java.io.FileNotFoundException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * Probes one target until it accepts a connection: resolve, connect, close at once; an HTTP target must
 * then also answer a GET with an expected status (see {@link WaitForHttpCheck}). After a failure the next
 * attempt starts one interval after the last one started.
 *
 * <p>Fields need no {@code volatile}: apart from the name lookup, everything runs on {@link #loop}.
 */
final class WaitForProbe {
  private static final Pattern NATIVE_PREFIX = Pattern.compile("^.*?\\bfailed(?: with error\\(-?\\d+\\))?: ");
  private final Endpoint target;
  private final HttpUrl http;
  private final WaitForConfig config;
  private final Transport transport;
  private final EventLoop loop;
  private final Executor resolving;
  private final WaitFor.Resolver resolver;
  private final EventSink sink;
  private final long startNanos;
  private final CompletableFuture<Void> ready = new CompletableFuture<>();
  private int attempts;
  private long attemptStart;
  private boolean stopped;
  private Channel inFlight;
  private ScheduledFuture<?> next;

  /** Probes {@code target}; when {@code http} is not null, with a GET of that URL once connected. */
  WaitForProbe(Endpoint target, HttpUrl http, WaitForConfig config, Transport transport, EventLoop loop,
      Executor resolving, WaitFor.Resolver resolver, EventSink sink, long startNanos) {
    this.target = target;
    this.http = http;
    this.config = config;
    this.transport = transport;
    this.loop = loop;
    this.resolving = resolving;
    this.resolver = resolver;
    this.sink = sink;
    this.startNanos = startNanos;
  }

  Endpoint target() {
    return target;
  }

  /** The target as events and messages show it: the address, or the URL. */
  String display() {
    return http != null ? http.toString() : target.display();
  }

  /** Completes (on the loop) when the target has accepted a connection. */
  CompletableFuture<Void> ready() {
    return ready;
  }

  void start() {
    attempt();
  }

  /** No further attempts; the one in flight is abandoned. */
  void stop() {
    stopped = true;
    if (next != null) {
      next.cancel(false);
    }
    if (inFlight != null) {
      inFlight.close();
    }
  }

  private void attempt() {
    if (stopped) {
      return;
    }
    attempts++;
    attemptStart = System.nanoTime();
    if (target instanceof Endpoint.Inet inet) {
      try {
        resolving.execute(() -> resolve(inet));
      } catch (RejectedExecutionException e) {
        stopped = true; // closing
      }
    } else {
      connect(List.of(target.socketAddress(transport)), 0);
    }
  }

  // On a resolver thread. A name that does not resolve (yet) is just another failed attempt, as in wait-for-it.
  private void resolve(Endpoint.Inet inet) {
    Runnable then;
    try {
      List<SocketAddress> addresses = new ArrayList<>();
      for (InetAddress a : resolver.resolve(inet.host())) {
        addresses.add(new InetSocketAddress(a, inet.port()));
      }
      then = () -> connect(addresses, 0);
    } catch (UnknownHostException e) {
      then = () -> failed("name not resolved: " + inet.host());
    } catch (RuntimeException e) {
      then = () -> failed("cannot resolve " + inet.host() + ": " + e.getMessage());
    }
    try {
      loop.execute(then);
    } catch (RejectedExecutionException e) {
      // the wait is over and the loop is gone; nothing is waiting for this answer
    }
  }

  /** Tries {@code addresses} from {@code index} on, in order, until one accepts. */
  private void connect(List<SocketAddress> addresses, int index) {
    if (stopped) {
      return;
    }
    if (addresses.isEmpty()) {
      failed("name has no addresses");
      return;
    }
    ChannelFuture f = new Bootstrap()
        .group(loop)
        .channel(transport.socketChannel(target instanceof Endpoint.Unix))
        .resolver(NoopAddressResolverGroup.INSTANCE)
        .option(ChannelOption.AUTO_READ, http != null)
        .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(config.connectTimeout().toMillis(),
            Integer.MAX_VALUE))
        .handler(http == null ? new ChannelInboundHandlerAdapter() : httpCheck())
        .connect(addresses.get(index));
    inFlight = f.channel();
    f.addListener(done -> {
      if (done.isSuccess() && http != null) {
        return; // the check answers, through answered()
      }
      inFlight = null;
      if (done.isSuccess()) {
        f.channel().close();
        succeeded();
      } else if (index + 1 < addresses.size() && !stopped) {
        connect(addresses, index + 1);
      } else {
        failed(reason(done.cause(), addresses.get(index)));
      }
    });
  }

  private ChannelInitializer<Channel> httpCheck() {
    return new ChannelInitializer<>() {
      @Override
      protected void initChannel(Channel ch) {
        transport.prepare(ch);
        ch.pipeline().addLast(new HttpClientCodec());
        ch.pipeline().addLast(new WaitForHttpCheck(http, config.connectTimeout(), WaitForProbe.this::answered));
      }
    };
  }

  // On the loop, once per HTTP attempt: the status, or why there was none.
  private void answered(int status, String failure) {
    inFlight = null;
    if (failure != null) {
      failed(failure);
    } else if (config.expectStatus().stream().anyMatch(s -> s.matches(status))) {
      succeeded();
    } else {
      failed("status " + status);
    }
  }

  private void succeeded() {
    if (stopped) {
      return;
    }
    stopped = true;
    sink.publish(WaitEvents.ready(target, display(), attempts,
        Duration.ofNanos(System.nanoTime() - startNanos)));
    ready.complete(null);
  }

  private void failed(String reason) {
    if (stopped) {
      return;
    }
    if (sink.shows(Verbosity.VERBOSE)) {
      sink.publish(WaitEvents.waiting(target, display(), attempts, reason,
          Duration.ofNanos(System.nanoTime() - startNanos)));
    }
    long delay = attemptStart + config.interval().toNanos() - System.nanoTime();
    next = loop.schedule(this::attempt, Math.max(0, delay), TimeUnit.NANOSECONDS);
  }

  private String reason(Throwable cause, SocketAddress address) {
    if (cause instanceof ConnectTimeoutException) {
      return "connect timed out after " + Durations.spoken(config.connectTimeout());
    }
    if (cause.getMessage() == null) {
      // epoll and io_uring report a missing Unix socket path as a FileNotFoundException without a message
      return cause instanceof FileNotFoundException ? "no such file or directory" : cause.getClass().getSimpleName();
    }
    return shorten(cause.getMessage(), address);
  }

  /**
   * A connect error in a few words, as the {@code wait} event shows it: {@code connection refused},
   * without the {@code connect(..) failed with error(-111):} prefix of native transports or the
   * address Netty appends.
   */
  static String shorten(String message, SocketAddress address) {
    String m = NATIVE_PREFIX.matcher(message).replaceFirst("");
    String suffix = ": " + address;
    if (m.endsWith(suffix)) {
      m = m.substring(0, m.length() - suffix.length());
    }
    if (m.isEmpty()) {
      return message;
    }
    return Character.toLowerCase(m.charAt(0)) + m.substring(1);
  }
}
