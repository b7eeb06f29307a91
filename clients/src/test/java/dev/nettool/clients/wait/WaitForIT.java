package dev.nettool.clients.wait;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.nettool.protocols.address.Endpoint;
import dev.nettool.protocols.event.Event;
import dev.nettool.protocols.testing.RecordingEventSink;
import dev.nettool.protocols.testing.ReservedPort;
import dev.nettool.protocols.testing.Transports;
import dev.nettool.protocols.transport.TransportKind;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.net.UnknownHostException;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@link WaitFor} against JDK server sockets that come up late or never, over every available transport. */
@Timeout(60)
class WaitForIT {
  private static final Duration EVENT = Duration.ofSeconds(10);

  @TempDir Path dir;

  static Stream<TransportKind> transports() {
    return Transports.available();
  }

  @ParameterizedTest
  @MethodSource("transports")
  void reportsReadyWhenATargetStartsListeningAfterAFailedAttempt(TransportKind kind) throws Exception {
    try (ReservedPort port = ReservedPort.reserve()) {
      Endpoint target = new Endpoint.Inet("127.0.0.1", port.port());
      RecordingEventSink sink = new RecordingEventSink();
      try (WaitFor wait = new WaitFor(config(kind, target), sink)) {
        CompletableFuture<WaitForOutcome> outcome = wait.start();

        Event waiting = sink.take("wait", EVENT);
        assertThat(waiting.fields())
            .containsEntry("target", target.display())
            .containsEntry("attempt", 1)
            .containsEntry("reason", "connection refused");
        assertThat(outcome).as("no listener yet").isNotDone();

        try (ServerSocket listening = port.listen()) {
          assertThat(listening.getLocalPort()).isEqualTo(port.port());
          Event ready = sink.take("ready", EVENT);
          assertThat(ready.fields()).containsEntry("target", target.display()).containsEntry("port", port.port());
          assertThat(ready.text()).startsWith("ready " + target.display() + " after ");
          assertThat(outcome.get(10, TimeUnit.SECONDS).allReady()).isTrue();
        }
      }
    }
  }

  @ParameterizedTest
  @MethodSource("transports")
  void namesTheTargetThatNeverCameUpWhenTheDeadlinePasses(TransportKind kind) throws Exception {
    try (ReservedPort up = ReservedPort.reserve(); ReservedPort never = ReservedPort.reserve()) {
      up.listen();
      Endpoint upTarget = new Endpoint.Inet("127.0.0.1", up.port());
      Endpoint neverTarget = new Endpoint.Inet("127.0.0.1", never.port());
      RecordingEventSink sink = new RecordingEventSink();
      WaitForConfig config = config(kind, upTarget, neverTarget).withTimeout(Duration.ofSeconds(2));
      try (WaitFor wait = new WaitFor(config, sink)) {
        WaitForOutcome outcome = wait.start().get(10, TimeUnit.SECONDS);

        assertThat(outcome.allReady()).isFalse();
        assertThat(outcome.pending()).containsExactly(neverTarget.display());
        assertThat(outcome.took()).isGreaterThanOrEqualTo(Duration.ofSeconds(2));
        assertThat(sink.drain()).filteredOn(e -> e.name().equals("ready"))
            .extracting(e -> e.fields().get("target")).containsExactly(upTarget.display());
      }
    }
  }

  @ParameterizedTest
  @MethodSource("transports")
  void waitsForAUnixSocketToAppear(TransportKind kind) throws Exception {
    Path path = dir.resolve("s.sock");
    Endpoint target = new Endpoint.Unix(path);
    RecordingEventSink sink = new RecordingEventSink();
    try (WaitFor wait = new WaitFor(config(kind, target), sink)) {
      CompletableFuture<WaitForOutcome> outcome = wait.start();

      assertThat(sink.take("wait", EVENT).fields())
          .containsEntry("path", path.toString())
          .containsEntry("reason", "no such file or directory");
      try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
        server.bind(UnixDomainSocketAddress.of(path));
        assertThat(sink.take("ready", EVENT).text()).startsWith("ready unix:" + path + " after ");
        assertThat(outcome.get(10, TimeUnit.SECONDS).allReady()).isTrue();
      }
    }
  }

  @ParameterizedTest
  @MethodSource("transports")
  void keepsTryingWhileTheHostNameDoesNotResolve(TransportKind kind) throws Exception {
    try (ReservedPort port = ReservedPort.reserve()) {
      port.listen();
      AtomicInteger lookups = new AtomicInteger();
      WaitFor.Resolver resolver = host -> {
        if (lookups.incrementAndGet() == 1) {
          throw new UnknownHostException(host);
        }
        return new InetAddress[] {InetAddress.getLoopbackAddress()};
      };
      Endpoint target = new Endpoint.Inet("db", port.port());
      RecordingEventSink sink = new RecordingEventSink();
      try (WaitFor wait = new WaitFor(config(kind, target), sink, resolver)) {
        CompletableFuture<WaitForOutcome> outcome = wait.start();

        assertThat(sink.take("wait", EVENT).fields()).containsEntry("reason", "name not resolved: db");
        assertThat(sink.take("ready", EVENT).fields()).containsEntry("target", "db:" + port.port())
            .containsEntry("attempts", 2);
        assertThat(outcome.get(10, TimeUnit.SECONDS).allReady()).isTrue();
      }
    }
  }

  @ParameterizedTest
  @MethodSource("transports")
  void waitsForAnIpv6Target(TransportKind kind) throws Exception {
    InetAddress v6 = ipv6Loopback();
    try (ReservedPort port = ReservedPort.reserve(v6)) {
      port.listen();
      Endpoint target = WaitForConfig.parseTarget("[::1]:" + port.port());
      RecordingEventSink sink = new RecordingEventSink();
      try (WaitFor wait = new WaitFor(config(kind, target), sink)) {
        assertThat(wait.start().get(10, TimeUnit.SECONDS).allReady()).isTrue();
        assertThat(sink.take("ready", EVENT).text()).startsWith("ready [::1]:" + port.port() + " after ");
      }
    }
  }

  @ParameterizedTest
  @MethodSource("transports")
  void triesEveryAddressOfANameInTurn(TransportKind kind) throws Exception {
    InetAddress v6 = ipv6Loopback();
    try (ReservedPort port = ReservedPort.reserve(); ReservedPort refusing = reserveSamePort(v6, port.port())) {
      port.listen();
      assertThat(refusing.port()).isEqualTo(port.port());
      InetAddress v4 = InetAddress.getLoopbackAddress();
      WaitFor.Resolver resolver = host -> new InetAddress[] {v6, v4};
      RecordingEventSink sink = new RecordingEventSink();
      try (WaitFor wait = new WaitFor(config(kind, new Endpoint.Inet("both", port.port())), sink, resolver)) {
        assertThat(wait.start().get(10, TimeUnit.SECONDS).allReady()).isTrue();
        assertThat(sink.take(EVENT).name()).as("::1 refused but 127.0.0.1 accepted, in one attempt").isEqualTo("ready");
      }
    }
  }

  private static WaitForConfig config(TransportKind kind, Endpoint... targets) {
    return WaitForConfig.defaults(List.of(targets))
        .withTransport(kind)
        .withInterval(Duration.ofMillis(20))
        .withTimeout(Duration.ofSeconds(30));
  }

  private static InetAddress ipv6Loopback() throws UnknownHostException {
    InetAddress v6 = InetAddress.getByName("::1");
    try {
      new ServerSocket(0, 1, v6).close();
      return v6;
    } catch (IOException e) {
      assumeTrue(false, "no IPv6 loopback here: " + e.getMessage());
      return v6;
    }
  }

  private static ReservedPort reserveSamePort(InetAddress address, int port) throws IOException {
    try {
      return ReservedPort.reserve(address, port);
    } catch (IOException e) {
      assumeTrue(false, "port " + port + " is taken on " + address + ": " + e.getMessage());
      return null;
    }
  }
}
