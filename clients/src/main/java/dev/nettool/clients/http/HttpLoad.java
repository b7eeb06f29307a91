package dev.nettool.clients.http;

import dev.nettool.protocols.ExitCode;
import dev.nettool.protocols.NettoolException;
import dev.nettool.protocols.address.Endpoint;
import dev.nettool.protocols.transport.Transport;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.HttpRequestEncoder;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Load mode: {@link #start()} opens the configured number of keep-alive connections, each sending the same
 * request again as soon as the previous response has ended (reconnecting when the server closes), until the
 * request budget or the duration is spent, and completes with the merged {@link HttpLoadReport}.
 *
 * <p>The request is encoded once; every send writes a retained duplicate of those bytes. Responses are decoded
 * but never aggregated: their bodies are only counted.
 */
public final class HttpLoad implements AutoCloseable {
  private final HttpLoadConfig config;
  private final Transport transport;
  private final EventLoopGroup group;
  private final AtomicLong issued = new AtomicLong();
  private final AtomicInteger running = new AtomicInteger();
  private final CompletableFuture<HttpLoadReport> report = new CompletableFuture<>();
  private final List<HttpLoadWorker> workers = new ArrayList<>();
  private final ByteBuf encoded;
  private long startNanos;
  private long deadlineNanos;

  public HttpLoad(HttpLoadConfig config) {
    this.config = config;
    this.transport = Transport.select(config.client().transport());
    int threads = Math.min(config.connections(), Runtime.getRuntime().availableProcessors());
    this.group = transport.newGroup(threads, new DefaultThreadFactory("nettool-http-load", true));
    this.encoded = encode(config.client());
    deadlineNanos = Long.MAX_VALUE;
  }

  /** The transport actually in use. */
  public Transport transport() {
    return transport;
  }

  /**
   * Starts the run. The name is resolved here, on the caller's thread; one that does not resolve fails the
   * future with {@link ExitCode#CONNECT}.
   */
  public CompletableFuture<HttpLoadReport> start() {
    Endpoint target = config.client().request().url().endpoint();
    SocketAddress address = target.socketAddress(transport);
    if (address instanceof InetSocketAddress inet && inet.isUnresolved()) {
      report.completeExceptionally(new NettoolException(ExitCode.CONNECT, "cannot connect to " + target.display(),
          "name not resolved"));
      return report;
    }
    boolean head = config.client().request().method().equals("HEAD");
    startNanos = System.nanoTime();
    deadlineNanos = config.duration() == null ? Long.MAX_VALUE : startNanos + config.duration().toNanos();
    running.set(config.connections());
    for (int i = 0; i < config.connections(); i++) {
      HttpLoadWorker w = new HttpLoadWorker(this, transport, group.next(), address, head);
      workers.add(w);
    }
    workers.forEach(HttpLoadWorker::connect);
    return report;
  }

  /** The request's bytes, encoded once by Netty's own encoder. */
  static ByteBuf encode(HttpClientConfig client) {
    EmbeddedChannel ch = new EmbeddedChannel(new HttpRequestEncoder());
    ch.writeOutbound(HttpClientRequests.full(client.request(), client));
    ByteBuf all = Unpooled.directBuffer();
    for (Object o = ch.readOutbound(); o != null; o = ch.readOutbound()) {
      ByteBuf b = (ByteBuf) o;
      all.writeBytes(b);
      b.release();
    }
    ch.finishAndReleaseAll();
    return all;
  }

  /** The bytes of one request: a retained duplicate of the encoded request, released by the write. */
  ByteBuf request() {
    return encoded.retainedDuplicate();
  }

  /** Takes one request from the budget; false once it is spent or the duration has passed. */
  boolean claim() {
    if (config.duration() != null) {
      return System.nanoTime() < deadlineNanos;
    }
    return issued.incrementAndGet() <= config.requests();
  }

  /** Whether a failed connect should be retried after a pause rather than spending the budget at once. */
  boolean timed() {
    return config.duration() != null;
  }

  HttpLoadConfig config() {
    return config;
  }

  /** Called once by each worker when it has nothing more to do. */
  void finished() {
    if (running.decrementAndGet() == 0) {
      report.complete(merge(Duration.ofNanos(System.nanoTime() - startNanos)));
    }
  }

  // Each worker's stats are final by now: every worker has called finished() on its own loop.
  private HttpLoadReport merge(Duration took) {
    HttpLoadStats all = new HttpLoadStats();
    workers.forEach(w -> all.add(w.stats()));
    Map<Integer, Long> statuses = new TreeMap<>();
    for (int s = 0; s < all.statuses.length; s++) {
      if (all.statuses[s] > 0) {
        statuses.put(s, all.statuses[s]);
      }
    }
    return new HttpLoadReport(config.connections(), all.responses, took, micros(all, 50), micros(all, 90),
        micros(all, 99), Duration.ofNanos(all.latency.getMaxValue() * 1000), statuses, all.connectErrors,
        all.timeouts, all.malformed, all.closed, all.bodyBytes);
  }

  private static Duration micros(HttpLoadStats s, double percentile) {
    return Duration.ofNanos(s.latency.getValueAtPercentile(percentile) * 1000);
  }

  @Override
  public void close() {
    workers.forEach(HttpLoadWorker::close);
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    if (encoded.refCnt() > 0) {
      encoded.release();
    }
  }
}
