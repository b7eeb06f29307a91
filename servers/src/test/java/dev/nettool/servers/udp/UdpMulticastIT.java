package dev.nettool.servers.udp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.nettool.protocols.address.Endpoint;
import dev.nettool.protocols.event.Event;
import dev.nettool.protocols.event.Verbosity;
import dev.nettool.protocols.testing.RecordingEventSink;
import dev.nettool.protocols.transport.TransportKind;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.MulticastSocket;
import java.net.NetworkInterface;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Multicast on the loopback interface. IPv4 groups work on Linux's {@code lo} as it comes; IPv6
 * groups need {@code lo} to carry the MULTICAST flag ({@code ip link set lo multicast on}), which
 * these tests do not change, so that case is skipped where sending fails.
 */
@Timeout(60)
class UdpMulticastIT {
  private static final Duration WAIT = Duration.ofSeconds(10);

  @ParameterizedTest
  @MethodSource("dev.nettool.protocols.testing.Transports#available")
  void receivesWhatIsSentToAJoinedIpv4Group(TransportKind transport) throws Exception {
    InetAddress group = InetAddress.getByName("239.255." + ThreadLocalRandom.current().nextInt(1, 255) + "."
        + ThreadLocalRandom.current().nextInt(1, 255));
    receivesFromGroup(transport, group);
  }

  @ParameterizedTest
  @MethodSource("dev.nettool.protocols.testing.Transports#available")
  void receivesWhatIsSentToAJoinedIpv6Group(TransportKind transport) throws Exception {
    InetAddress group = InetAddress.getByName("ff01::4e54:" + Integer.toHexString(
        ThreadLocalRandom.current().nextInt(1, 0xffff)));
    assumeThat(canSendOnLoopback(group))
        .as("IPv6 multicast on the loopback interface needs 'ip link set lo multicast on'").isTrue();
    receivesFromGroup(transport, group);
  }

  private static void receivesFromGroup(TransportKind transport, InetAddress group) throws Exception {
    RecordingEventSink sink = new RecordingEventSink(Verbosity.VERBOSE, false);
    UdpServerConfig config = UdpServerConfig.defaults().withTransport(transport).withGroups(List.of(group));
    try (UdpServer server = new UdpServer(config, sink); MulticastSocket sender = sender()) {
      Endpoint.Inet bound = (Endpoint.Inet) server.start();
      assertThat(InetAddress.getByName(bound.host()).isAnyLocalAddress()).as("bound to the wildcard").isTrue();
      assertThat(server.listeningEvent().fields()).containsEntry("join", group.getHostAddress())
          .containsEntry("interface", loopback().getName());

      byte[] hi = "hi group".getBytes(StandardCharsets.UTF_8);
      sender.send(new DatagramPacket(hi, hi.length, new InetSocketAddress(group, bound.port())));

      Event e = sink.take("message", WAIT);
      assertThat(e.fields()).containsEntry("bytes", 8).containsEntry("payload", "hi group")
          .containsEntry("remotePort", sender.getLocalPort());
    }
  }

  private static MulticastSocket sender() throws IOException {
    MulticastSocket s = new MulticastSocket(0);
    s.setNetworkInterface(loopback());
    s.setTimeToLive(0);
    return s;
  }

  private static boolean canSendOnLoopback(InetAddress group) {
    try (MulticastSocket s = sender()) {
      s.send(new DatagramPacket(new byte[1], 1, new InetSocketAddress(group, 9)));
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static NetworkInterface loopback() throws IOException {
    return NetworkInterface.networkInterfaces().filter(n -> {
      try {
        return n.isLoopback();
      } catch (IOException e) {
        return false;
      }
    }).findFirst().orElseThrow();
  }
}
