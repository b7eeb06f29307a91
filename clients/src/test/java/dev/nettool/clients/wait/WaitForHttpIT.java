package dev.nettool.clients.wait;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.nettool.clients.http.HttpStatusPattern;
import dev.nettool.clients.http.HttpUrl;
import dev.nettool.protocols.event.Event;
import dev.nettool.protocols.testing.RecordingEventSink;
import dev.nettool.protocols.transport.TransportKind;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** HTTP targets of wait-for against the JDK's own HTTP server, over every transport. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class WaitForHttpIT {
  private static final String TRANSPORTS = "dev.nettool.protocols.testing.Transports#available";
  private final AtomicInteger asked = new AtomicInteger();
  private HttpServer server;

  @BeforeEach
  void startServer() throws Exception {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 10);
    // Not ready for the first two requests, then healthy.
    server.createContext("/health", ex -> {
      ex.sendResponseHeaders(asked.incrementAndGet() <= 2 ? 503 : 200, -1);
      ex.close();
    });
    server.createContext("/missing", ex -> {
      ex.sendResponseHeaders(404, -1);
      ex.close();
    });
    server.start();
  }

  @AfterEach
  void stopServer() {
    server.stop(0);
  }

  @ParameterizedTest
  @MethodSource(TRANSPORTS)
  void isReadyOnceTheTargetAnswersTwoHundredAfterServiceUnavailable(TransportKind kind) throws Exception {
    RecordingEventSink sink = new RecordingEventSink();
    try (WaitFor wait = new WaitFor(config(kind, "/health", HttpStatusPattern.SUCCESS), sink)) {
      assertThat(wait.start().get(20, TimeUnit.SECONDS).allReady()).isTrue();

      assertThat(sink.take("wait", Duration.ofSeconds(5)).text()).isEqualTo("wait " + url("/health")
          + " attempt 1: status 503");
      Event ready = sink.take("ready", Duration.ofSeconds(5));
      assertThat(ready.fields()).containsEntry("target", url("/health").toString()).containsEntry("attempts", 3);
    }
  }

  @Test
  void takesAnyStatusItIsToldToExpect() throws Exception {
    try (WaitFor wait = new WaitFor(config(TransportKind.AUTO, "/missing", HttpStatusPattern.parse("404")),
        new RecordingEventSink())) {
      assertThat(wait.start().get(20, TimeUnit.SECONDS).allReady()).isTrue();
    }
  }

  @Test
  void namesTheUrlWhenTheStatusNeverComes() throws Exception {
    WaitForConfig config = config(TransportKind.AUTO, "/missing", HttpStatusPattern.SUCCESS)
        .withTimeout(Duration.ofMillis(500));
    try (WaitFor wait = new WaitFor(config, new RecordingEventSink())) {
      WaitForOutcome outcome = wait.start().get(20, TimeUnit.SECONDS);

      assertThat(outcome.pending()).containsExactly(url("/missing").toString());
    }
  }

  private WaitForConfig config(TransportKind kind, String path, HttpStatusPattern status) {
    return new WaitForConfig(List.of(), List.of(url(path)), List.of(status), Duration.ofSeconds(30),
        Duration.ofMillis(20), Duration.ofSeconds(2), kind);
  }

  private HttpUrl url(String path) {
    return HttpUrl.parse("http://127.0.0.1:" + server.getAddress().getPort() + path);
  }
}
