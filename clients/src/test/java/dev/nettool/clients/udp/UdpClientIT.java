package dev.nettool.clients.udp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.nettool.protocols.ExitCode;
import dev.nettool.protocols.NettoolException;
import dev.nettool.protocols.address.Endpoint;
import dev.nettool.protocols.event.Event;
import dev.nettool.protocols.event.EventSink;
import dev.nettool.protocols.event.Verbosity;
import dev.nettool.protocols.expect.Expectation;
import dev.nettool.protocols.testing.RecordingEventSink;
import dev.nettool.protocols.transport.TransportKind;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.IntPredicate;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

@Timeout(60)
class UdpClientIT {
  private static final long DEADLINE_MS = 10_000;
  private static final InputStream NO_INPUT = new ByteArrayInputStream(new byte[0]);

  /** A UDP echo written on the JDK's DatagramSocket; {@code answers} picks which datagrams (1, 2, ...) get echoed. */
  static final class DatagramEchoPeer implements AutoCloseable {
    private final DatagramSocket socket;
    private final Thread thread;

    DatagramEchoPeer(InetAddress host, IntPredicate answers) throws SocketException {
      socket = new DatagramSocket(new InetSocketAddress(host, 0));
      thread = new Thread(() -> echo(answers), "datagram-echo-peer");
      thread.setDaemon(true);
      thread.start();
    }

    private void echo(IntPredicate answers) {
      byte[] buf = new byte[65536];
      for (int n = 1; !socket.isClosed(); n++) {
        DatagramPacket p = new DatagramPacket(buf, buf.length);
        try {
          socket.receive(p);
          if (answers.test(n)) {
            socket.send(new DatagramPacket(p.getData(), p.getLength(), p.getSocketAddress()));
          }
        } catch (IOException e) {
          return; // closed
        }
      }
    }

    Endpoint.Inet endpoint() {
      return new Endpoint.Inet(socket.getLocalAddress().getHostAddress(), socket.getLocalPort());
    }

    @Override
    public void close() {
      socket.close();
      try {
        thread.join(DEADLINE_MS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private static UdpClientConfig config(TransportKind transport, Endpoint.Inet target) {
    return UdpClientConfig.to(target).withTransport(transport).withReplyWait(Duration.ofSeconds(5));
  }

  private static List<byte[]> data(String... texts) {
    return java.util.Arrays.stream(texts).map(t -> t.getBytes(StandardCharsets.UTF_8)).toList();
  }

  private static int run(UdpClient client, InputStream in, ByteArrayOutputStream out, Expectation expect)
      throws Exception {
    try {
      return client.start(in, out, expect).get(DEADLINE_MS, TimeUnit.MILLISECONDS);
    } finally {
      client.close();
    }
  }

  @ParameterizedTest
  @MethodSource("dev.nettool.protocols.testing.Transports#available")
  void endsAsSoonAsAnEchoMeetsTheExpectation(TransportKind transport) throws Exception {
    try (DatagramEchoPeer peer = new DatagramEchoPeer(InetAddress.getLoopbackAddress(), n -> true)) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      UdpClient client = new UdpClient(config(transport, peer.endpoint()).withData(data("ping\n", "pong\n"))
          .withReplyWait(Duration.ofSeconds(30)), EventSink.discard(), EventSink.discard());
      long t0 = System.nanoTime();

      assertThat(run(client, NO_INPUT, out, Expectation.literal("pong"))).isZero();

      assertThat(Duration.ofNanos(System.nanoTime() - t0)).as("did not wait out --wait").isLessThan(Duration.ofSeconds(10));
      assertThat(out.toString(StandardCharsets.UTF_8)).endsWith("pong\n").contains("ping\n");
    }
  }

  @ParameterizedTest
  @MethodSource("dev.nettool.protocols.testing.Transports#available")
  void failsWithOneWhenNoReplyMeetsTheExpectation(TransportKind transport) throws Exception {
    try (DatagramEchoPeer peer = new DatagramEchoPeer(InetAddress.getLoopbackAddress(), n -> true)) {
      UdpClient client = new UdpClient(config(transport, peer.endpoint()).withData(data("ping"))
          .withReplyWait(Duration.ofMillis(300)), EventSink.discard(), EventSink.discard());

      assertThatThrownBy(() -> run(client, NO_INPUT, new ByteArrayOutputStream(), Expectation.literal("pong")))
          .isInstanceOf(ExecutionException.class)
          .cause().isInstanceOfSatisfying(NettoolException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCode.FAILURE));
    }
  }

  @ParameterizedTest
  @MethodSource("dev.nettool.protocols.testing.Transports#available")
  void sendsEachStdinLineAndPrintsEachReply(TransportKind transport) throws Exception {
    try (DatagramEchoPeer peer = new DatagramEchoPeer(InetAddress.getLoopbackAddress(), n -> true)) {
      RecordingEventSink events = new RecordingEventSink();
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      UdpClient client = new UdpClient(config(transport, peer.endpoint()), events, EventSink.discard());
      InputStream in = new ByteArrayInputStream("one\ntwo\nthree\n".getBytes(StandardCharsets.UTF_8));

      assertThat(run(client, in, out, Expectation.literal("three"))).isZero();

      assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("one\ntwo\nthree\n");
      assertThat(events.take("connect", Duration.ofSeconds(5)).text()).startsWith("connect " + peer.endpoint().display());
      assertThat(events.take("message", Duration.ofSeconds(5)).fields()).containsEntry("bytes", 4);
    }
  }

  @ParameterizedTest
  @MethodSource("dev.nettool.protocols.testing.Transports#available")
  void receivesTheLargestDatagramWhole(TransportKind transport) throws Exception {
    try (DatagramEchoPeer peer = new DatagramEchoPeer(InetAddress.getLoopbackAddress(), n -> true)) {
      byte[] big = "x".repeat(UdpClientConfig.MAX_DATAGRAM - 1).concat("!").getBytes(StandardCharsets.UTF_8);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      UdpClient client = new UdpClient(config(transport, peer.endpoint()).withData(List.of(big)),
          EventSink.discard(), EventSink.discard());

      assertThat(run(client, NO_INPUT, out, Expectation.literal("x!"))).isZero();
      assertThat(out.size()).isEqualTo(UdpClientConfig.MAX_DATAGRAM + 1);
    }
  }

  @ParameterizedTest
  @MethodSource("dev.nettool.protocols.testing.Transports#available")
  void pingReportsNoLossAgainstAnEcho(TransportKind transport) throws Exception {
    try (DatagramEchoPeer peer = new DatagramEchoPeer(InetAddress.getLoopbackAddress(), n -> true)) {
      RecordingEventSink report = new RecordingEventSink(Verbosity.NORMAL, false);
      UdpClient client = new UdpClient(config(transport, peer.endpoint()).withPing(5, Duration.ofMillis(20), 64),
          EventSink.discard(), report);

      assertThat(run(client, NO_INPUT, new ByteArrayOutputStream(), null)).isZero();

      for (int seq = 1; seq <= 5; seq++) {
        Event reply = report.take("reply", Duration.ofSeconds(1));
        assertThat(reply.text()).startsWith("64 bytes from " + peer.endpoint().display() + ": seq=" + seq + " time=");
      }
      Event summary = report.take("ping", Duration.ofSeconds(1));
      assertThat(summary.text()).contains("5 packets transmitted, 5 received, 0% packet loss")
          .contains("rtt min/avg/max/p99 = ");
    }
  }

  @ParameterizedTest
  @MethodSource("dev.nettool.protocols.testing.Transports#available")
  void pingExitsOneWhenProbesAreLost(TransportKind transport) throws Exception {
    try (DatagramEchoPeer peer = new DatagramEchoPeer(InetAddress.getLoopbackAddress(), n -> n % 2 == 1)) {
      RecordingEventSink report = new RecordingEventSink(Verbosity.NORMAL, false);
      UdpClient client = new UdpClient(config(transport, peer.endpoint()).withPing(4, Duration.ofMillis(10), 32)
          .withReplyWait(Duration.ofMillis(300)), EventSink.discard(), report);

      assertThat(run(client, NO_INPUT, new ByteArrayOutputStream(), null)).isEqualTo(1);

      assertThat(report.take("ping", Duration.ofSeconds(1)).text())
          .contains("4 packets transmitted, 2 received, 50% packet loss");
    }
  }

  @ParameterizedTest
  @MethodSource("dev.nettool.protocols.testing.Transports#available")
  void aClosedPortIsReportedUnreachable(TransportKind transport) throws Exception {
    Endpoint.Inet closed;
    try (DatagramSocket gone = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
      closed = new Endpoint.Inet("127.0.0.1", gone.getLocalPort());
    }
    UdpClient client = new UdpClient(config(transport, closed).withData(data("anyone?", "anyone?")),
        EventSink.discard(), EventSink.discard());

    assertThatThrownBy(() -> run(client, NO_INPUT, new ByteArrayOutputStream(), null))
        .isInstanceOf(ExecutionException.class)
        .cause().isInstanceOfSatisfying(NettoolException.class, e -> {
          assertThat(e.exitCode()).isEqualTo(ExitCode.CONNECT);
          assertThat(e.getMessage()).isEqualTo("cannot reach " + closed.display() + ": port unreachable");
        });
  }

  @ParameterizedTest
  @MethodSource("dev.nettool.protocols.testing.Transports#available")
  void talksToAnIpv6Peer(TransportKind transport) throws Exception {
    InetAddress v6 = InetAddress.getByName("::1");
    assumeThat(canBind(v6)).as("::1 is configured on this machine").isTrue();
    try (DatagramEchoPeer peer = new DatagramEchoPeer(v6, n -> true)) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      Endpoint.Inet target = new Endpoint.Inet("::1", peer.endpoint().port());
      UdpClient client = new UdpClient(config(transport, target).withData(data("six\n")),
          EventSink.discard(), EventSink.discard());

      assertThat(run(client, NO_INPUT, out, Expectation.literal("six"))).isZero();
      assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("six\n");
    }
  }

  static boolean canBind(InetAddress address) {
    try {
      new DatagramSocket(new InetSocketAddress(address, 0)).close();
      return true;
    } catch (SocketException e) {
      return false;
    }
  }
}
