package dev.nettool.clients.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nettool.protocols.transport.TransportKind;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Load mode against the JDK's own HTTP server, over every transport. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class HttpLoadIT {
  private static final String TRANSPORTS = "dev.nettool.protocols.testing.Transports#available";

  @ParameterizedTest
  @MethodSource(TRANSPORTS)
  void sendsExactlyTheRequestedNumberOverKeepAliveConnections(TransportKind kind) throws Exception {
    AtomicInteger served = new AtomicInteger();
    try (JdkHttpPeer peer = new JdkHttpPeer().route("/hello", ex -> {
      int n = served.incrementAndGet();
      JdkHttpPeer.send(ex, n % 10 == 0 ? 503 : 200, "Hello".getBytes(StandardCharsets.UTF_8));
    })) {
      HttpLoadReport r = load(peer.url("/hello"), kind, 4, 200, null);

      assertThat(r.responses()).isEqualTo(200);
      assertThat(served.get()).as("requests the server saw").isEqualTo(200);
      assertThat(r.statuses()).isEqualTo(Map.of(200, 180L, 503, 20L));
      assertThat(r.errors()).isZero();
      assertThat(r.bodyBytes()).isEqualTo(200 * 5);
      assertThat(r.p50()).isLessThanOrEqualTo(r.p99());
      assertThat(r.p99()).isLessThanOrEqualTo(r.max());
    }
  }

  @ParameterizedTest
  @MethodSource(TRANSPORTS)
  void reconnectsWhenTheServerClosesAfterEachResponse(TransportKind kind) throws Exception {
    try (JdkHttpPeer peer = new JdkHttpPeer().route("/once", ex -> {
      ex.getResponseHeaders().set("Connection", "close");
      JdkHttpPeer.send(ex, 200, "x".getBytes(StandardCharsets.UTF_8));
    })) {
      HttpLoadReport r = load(peer.url("/once"), kind, 2, 30, null);

      assertThat(r.responses()).isEqualTo(30);
      assertThat(r.errors()).isZero();
    }
  }

  @Test
  void runsForTheGivenDuration() throws Exception {
    try (JdkHttpPeer peer = new JdkHttpPeer().route("/", ex -> JdkHttpPeer.send(ex, 200, new byte[0]))) {
      HttpLoadReport r = load(peer.url("/"), TransportKind.AUTO, 2, 0, Duration.ofMillis(300));

      assertThat(r.responses()).isPositive();
      assertThat(r.took()).isGreaterThanOrEqualTo(Duration.ofMillis(300));
    }
  }

  @Test
  void leavesTheWarmUpOutOfTheReport() throws Exception {
    AtomicInteger hits = new AtomicInteger();
    // Only the very first request, sent as the warm-up starts, is answered 201.
    try (JdkHttpPeer peer = new JdkHttpPeer().route("/",
        ex -> JdkHttpPeer.send(ex, hits.getAndIncrement() == 0 ? 201 : 200, new byte[0]))) {
      HttpClientConfig client = HttpClientConfig.builder(HttpRequestSpec.get(peer.url("/"))).build();
      HttpLoadReport r;
      try (HttpLoad load = new HttpLoad(new HttpLoadConfig(client, 1, 0, Duration.ofMillis(300),
          Duration.ofSeconds(5), HttpLoadConfig.DEFAULT_STREAMS, Duration.ofSeconds(2)))) {
        r = load.start().get(30, TimeUnit.SECONDS);
      }

      assertThat(r.statuses()).containsKey(200).doesNotContainKey(201);
      assertThat(r.responses()).isPositive().isLessThan(hits.get());
      // Counted from the end of the warm-up: a run timed from its start would be 2.3 s or more.
      assertThat(r.took()).isGreaterThanOrEqualTo(Duration.ofMillis(300)).isLessThan(Duration.ofMillis(2_300));
    }
  }

  @Test
  void countsEveryRequestAsAConnectErrorWhenRefused() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    HttpLoadReport r = load(HttpUrl.parse("http://127.0.0.1:" + port + "/"), TransportKind.AUTO, 3, 12, null);

    assertThat(r.responses()).isZero();
    assertThat(r.connectErrors()).isEqualTo(12);
  }

  private static HttpLoadReport load(HttpUrl url, TransportKind kind, int connections, long requests,
      Duration duration) throws Exception {
    HttpClientConfig client = HttpClientConfig.builder(HttpRequestSpec.get(url)).transport(kind).build();
    try (HttpLoad load = new HttpLoad(new HttpLoadConfig(client, connections, requests, duration,
        Duration.ofSeconds(5)))) {
      return load.start().get(30, TimeUnit.SECONDS);
    }
  }
}
