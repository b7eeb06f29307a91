package dev.nettool.clients.http;

import dev.nettool.protocols.ExitCode;
import dev.nettool.protocols.NettoolException;
import dev.nettool.protocols.address.Endpoint;
import dev.nettool.protocols.transport.Transport;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpRequestEncoder;
import io.netty.handler.codec.http2.DefaultHttp2DataFrame;
import io.netty.handler.codec.http2.DefaultHttp2HeadersFrame;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.handler.codec.http2.HttpConversionUtil;
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
 * Load mode: {@link #start()} opens the configured number of keep-alive connections (with one TLS handshake
 * each over https), each sending the same request again as soon as the previous response has ended — over
 * HTTP/2, keeping several streams in flight instead — (reconnecting when the server closes), until the request
 * budget or the duration is spent, and completes with the merged {@link HttpLoadReport}.
 *
 * <p>The request is encoded once (HTTP/1.1 bytes, or HTTP/2 headers and body); every send writes a retained
 * duplicate. Responses are decoded but never aggregated: their bodies are only counted.
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
  private final HttpClientTls tls;
  private final Http2Headers h2Headers;
  private final ByteBuf h2Body;
  private long startNanos;
  private long deadlineNanos;

  public HttpLoad(HttpLoadConfig config) {
    this.config = config;
    this.transport = Transport.select(config.client().transport());
    int threads = Math.min(config.connections(), Runtime.getRuntime().availableProcessors());
    this.group = transport.newGroup(threads, new DefaultThreadFactory("nettool-http-load", true));
    this.encoded = encode(config.client());
    HttpClientConfig client = config.client();
    this.tls = client.request().url().https() ? new HttpClientTls(client.tls(), client.http2()) : null;
    if (client.http2()) {
      FullHttpRequest h2 = HttpClientRequests.full(client.request(), client);
      h2.headers().set(HttpConversionUtil.ExtensionHeaderNames.SCHEME.text(), tls != null ? "https" : "http");
      this.h2Headers = HttpConversionUtil.toHttp2Headers(h2, true);
      this.h2Body = h2.content().isReadable() ? Unpooled.directBuffer().writeBytes(h2.content()) : null;
      h2.release();
    } else {
      this.h2Headers = null;
      this.h2Body = null;
    }
    deadlineNanos = Long.MAX_VALUE;
  }

  /** The transport actually in use. */
  public Transport transport() {
    return transport;
  }

  /**
   * Starts the run. The name is resolved here, on the caller's thread; one that does not resolve fails the
   * future with {@link ExitCode#CONNECT}, TLS material the engine refuses with {@link ExitCode#USAGE}.
   */
  public CompletableFuture<HttpLoadReport> start() {
    if (tls != null) {
      try {
        tls.prepare();
      } catch (NettoolException e) {
        report.completeExceptionally(e);
        return report;
      }
    }
    Endpoint target = config.client().request().url().endpoint();
    SocketAddress address = target.socketAddress(transport);
    if (address instanceof InetSocketAddress inet && inet.isUnresolved()) {
      report.completeExceptionally(new NettoolException(ExitCode.CONNECT, "cannot connect to " + target.display(),
          "name not resolved"));
      return report;
    }
    boolean head = config.client().request().method().equals("HEAD");
    long warmUpNanos = config.warmUp() == null ? 0 : config.warmUp().toNanos();
    // The measured run starts once the warm-up is over; the rate is counted from then.
    startNanos = System.nanoTime() + warmUpNanos;
    deadlineNanos = config.duration() == null ? Long.MAX_VALUE : startNanos + config.duration().toNanos();
    running.set(config.connections());
    for (int i = 0; i < config.connections(); i++) {
      HttpLoadWorker w = new HttpLoadWorker(this, transport, group.next(), address, head, tls);
      workers.add(w);
    }
    workers.forEach(HttpLoadWorker::connect);
    if (warmUpNanos > 0) {
      workers.forEach(w -> w.clearStatsIn(warmUpNanos));
    }
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

  /** Writes the HTTP/2 request on {@code stream}: the shared headers, then a duplicate of the body if any. */
  ChannelFuture writeH2Request(Http2StreamChannel stream) {
    if (h2Body == null) {
      return stream.writeAndFlush(new DefaultHttp2HeadersFrame(h2Headers, true));
    }
    stream.write(new DefaultHttp2HeadersFrame(h2Headers, false));
    return stream.writeAndFlush(new DefaultHttp2DataFrame(h2Body.retainedDuplicate(), true));
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
        all.timeouts, all.malformed, all.closed, all.bodyBytes, all.tlsErrors, all.tlsFailure, protocol(all));
  }

  private static String protocol(HttpLoadStats s) {
    if (s.spokeHttp1 && s.spokeHttp2) {
      return "HTTP/1.1,HTTP/2.0";
    }
    return s.spokeHttp2 ? "HTTP/2.0" : "HTTP/1.1";
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
    if (h2Body != null && h2Body.refCnt() > 0) {
      h2Body.release();
    }
  }
}
