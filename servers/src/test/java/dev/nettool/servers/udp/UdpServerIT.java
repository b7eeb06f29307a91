package dev.nettool.servers.udp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.nettool.protocols.ExitCode;
import dev.nettool.protocols.NettoolException;
import dev.nettool.protocols.address.Endpoint;
import dev.nettool.protocols.event.Event;
import dev.nettool.protocols.event.Verbosity;
import dev.nettool.protocols.testing.RecordingEventSink;
import dev.nettool.protocols.transport.Transport;
import dev.nettool.protocols.transport.TransportKind;
import io.netty.channel.MaxMessagesRecvByteBufAllocator;
import io.netty.channel.RecvByteBufAllocator;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

@Timeout(60)
class UdpServerIT {
  private static final Duration WAIT = Duration.ofSeconds(10);

  private static UdpServerConfig echo(TransportKind transport) {
    return UdpServerConfig.defaults().withTransport(transport).withMode(UdpMode.ECHO);
  }

  private static DatagramSocket peer(InetAddress host) throws SocketException {
    DatagramSocket s = new DatagramSocket(new InetSocketAddress(host, 0));
    s.setSoTimeout((int) WAIT.toMillis());
    s.setReceiveBufferSize(1 << 20);
    return s;
  }

  private static byte[] roundTrip(DatagramSocket s, Endpoint to, byte[] payload) throws IOException {
    Endpoint.Inet target = (Endpoint.Inet) to;
    s.send(new DatagramPacket(payload, payload.length, InetAddress.getByName(target.host()), target.port()));
    DatagramPacket reply = new DatagramPacket(new byte[65536], 65536);
    s.receive(reply);
    return Arrays.copyOf(reply.getData(), reply.getLength());
  }

  private static byte[] randomBytes(int n) {
    byte[] b = new byte[n];
    new Random(n).nextBytes(b);
    return b;
  }

  @ParameterizedTest
  @MethodSource("dev.nettool.protocols.testing.Transports#available")
  void echoesA4000ByteDatagramWhole(TransportKind transport) throws Exception {
    try (UdpServer server = new UdpServer(echo(transport), new RecordingEventSink());
        DatagramSocket s = peer(InetAddress.getLoopbackAddress())) {
      Endpoint bound = server.start();
      byte[] payload = randomBytes(4000);

      assertThat(roundTrip(s, bound, payload)).isEqualTo(payload);
    }
  }

  @ParameterizedTest
  @MethodSource("dev.nettool.protocols.testing.Transports#available")
  void echoesTheLargestPossibleDatagramWhole(TransportKind transport) throws Exception {
    try (UdpServer server = new UdpServer(echo(transport), new RecordingEventSink());
        DatagramSocket s = peer(InetAddress.getLoopbackAddress())) {
      Endpoint bound = server.start();
      byte[] payload = randomBytes(65_507);

      assertThat(roundTrip(s, bound, payload)).as("65,507 bytes, not cut at 2,048").isEqualTo(payload);
    }
  }

  @ParameterizedTest
  @MethodSource("dev.nettool.protocols.testing.Transports#available")
  void readsABurstPerWakeUpAndEchoesEveryDatagramOfIt(TransportKind transport) throws Exception {
    try (UdpServer server = new UdpServer(echo(transport), new RecordingEventSink());
        DatagramSocket s = peer(InetAddress.getLoopbackAddress())) {
      Endpoint.Inet bound = (Endpoint.Inet) server.start();
      RecvByteBufAllocator allocator = server.channel().config().getRecvByteBufAllocator();
      assertThat(((MaxMessagesRecvByteBufAllocator) allocator).maxMessagesPerRead())
          .as("a hand-made allocator would read one datagram per wake-up").isEqualTo(Transport.READS_PER_WAKEUP);

      // Sent without waiting, so the server finds several queued, echoes them in one flush.
      List<String> sent = new ArrayList<>();
      for (int i = 0; i < 100; i++) {
        byte[] payload = ("datagram " + i + " " + "x".repeat(i)).getBytes(StandardCharsets.UTF_8);
        sent.add(new String(payload, StandardCharsets.UTF_8));
        s.send(new DatagramPacket(payload, payload.length, InetAddress.getLoopbackAddress(), bound.port()));
      }
      List<String> echoed = new ArrayList<>();
      for (int i = 0; i < sent.size(); i++) {
        DatagramPacket reply = new DatagramPacket(new byte[65536], 65536);
        s.receive(reply);
        echoed.add(new String(reply.getData(), 0, reply.getLength(), StandardCharsets.UTF_8));
      }

      assertThat(echoed).containsExactlyInAnyOrderElementsOf(sent);
    }
  }

  @ParameterizedTest
  @MethodSource("dev.nettool.protocols.testing.Transports#available")
  void logsEachDatagramWithItsSender(TransportKind transport) throws Exception {
    RecordingEventSink sink = new RecordingEventSink(Verbosity.NORMAL, false);
    try (UdpServer server = new UdpServer(UdpServerConfig.defaults().withTransport(transport), sink);
        DatagramSocket s = peer(InetAddress.getLoopbackAddress())) {
      Endpoint.Inet bound = (Endpoint.Inet) server.start();
      byte[] hello = "hello\n".getBytes(StandardCharsets.UTF_8);
      s.send(new DatagramPacket(hello, hello.length, InetAddress.getLoopbackAddress(), bound.port()));

      Event e = sink.take("message", WAIT);
      assertThat(e.text()).isEqualTo("message from 127.0.0.1:" + s.getLocalPort() + " 6 bytes");
      assertThat(server.listeningEvent().text())
          .isEqualTo("listening udp 127.0.0.1:" + bound.port() + " transport=" + transport.label() + " mode=log");
    }
  }

  @ParameterizedTest
  @MethodSource("dev.nettool.protocols.testing.Transports#available")
  void completesDoneAfterCountDatagramsWereEchoed(TransportKind transport) throws Exception {
    RecordingEventSink sink = new RecordingEventSink(Verbosity.QUIET, false);
    UdpServer server = new UdpServer(echo(transport).withCount(3), sink);
    try (DatagramSocket s = peer(InetAddress.getLoopbackAddress())) {
      Endpoint bound = server.start();
      for (int i = 1; i <= 3; i++) {
        byte[] payload = ("ping " + i).getBytes(StandardCharsets.UTF_8);
        assertThat(roundTrip(s, bound, payload)).isEqualTo(payload);
        if (i < 3) {
          assertThat(server.done()).as("not done after %d of 3", i).isNotDone();
        }
      }
      server.done().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    } finally {
      server.close(Duration.ofSeconds(1));
    }
    Event summary = sink.take("summary", WAIT);
    assertThat(summary.fields()).containsEntry("datagrams", 3L).containsEntry("bytesIn", 18L)
        .containsEntry("bytesOut", 18L);
  }

  @ParameterizedTest
  @MethodSource("dev.nettool.protocols.testing.Transports#available")
  void servesTheIpv6Loopback(TransportKind transport) throws Exception {
    InetAddress v6 = InetAddress.getByName("::1");
    assumeThat(canBind(v6)).as("::1 is configured on this machine").isTrue();
    try (UdpServer server = new UdpServer(echo(transport).withListen(new Endpoint.Inet("::1", 0)),
            new RecordingEventSink());
        DatagramSocket s = peer(v6)) {
      Endpoint bound = server.start();
      assertThat(InetAddress.getByName(((Endpoint.Inet) bound).host())).isEqualTo(v6);
      byte[] payload = "over six".getBytes(StandardCharsets.UTF_8);

      assertThat(roundTrip(s, bound, payload)).isEqualTo(payload);
    }
  }

  @ParameterizedTest
  @MethodSource("dev.nettool.protocols.testing.Transports#available")
  void aPortInUseIsAListenFailure(TransportKind transport) throws Exception {
    try (DatagramSocket taken = peer(InetAddress.getLoopbackAddress())) {
      UdpServer server = new UdpServer(echo(transport)
          .withListen(new Endpoint.Inet("127.0.0.1", taken.getLocalPort())), new RecordingEventSink());

      assertThatThrownBy(server::start).isInstanceOfSatisfying(NettoolException.class, e -> {
        assertThat(e.exitCode()).isEqualTo(ExitCode.LISTEN);
        assertThat(e.what()).isEqualTo("cannot listen on 127.0.0.1:" + taken.getLocalPort());
      });
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
