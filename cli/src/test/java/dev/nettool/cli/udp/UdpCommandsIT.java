package dev.nettool.cli.udp;

import static dev.nettool.cli.CliResultAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.nettool.cli.CliHarness;
import dev.nettool.cli.CliResult;
import dev.nettool.protocols.transport.TransportKind;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The UDP commands end to end in-process: exact lines and exit codes, against JDK DatagramSockets. */
@Timeout(60)
class UdpCommandsIT {
  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final Pattern READY = Pattern.compile("listening udp 127\\.0\\.0\\.1:(\\d+) transport=(\\w+) mode=(\\w+)");
  private static final String NL = System.lineSeparator();

  private static CliResult cli(String... args) {
    return CliHarness.run(args);
  }

  private static DatagramSocket peer() throws SocketException {
    DatagramSocket s = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    s.setSoTimeout((int) WAIT.toMillis());
    return s;
  }

  private static int port(String readyLine) {
    Matcher m = READY.matcher(readyLine);
    assertThat(m.matches()).as("ready line '%s'", readyLine).isTrue();
    return Integer.parseInt(m.group(1));
  }

  private static String send(DatagramSocket s, int port, String text, boolean awaitEcho) throws IOException {
    byte[] b = text.getBytes(StandardCharsets.UTF_8);
    s.send(new DatagramPacket(b, b.length, InetAddress.getLoopbackAddress(), port));
    if (!awaitEcho) {
      return null;
    }
    DatagramPacket reply = new DatagramPacket(new byte[65536], 65536);
    s.receive(reply);
    return new String(reply.getData(), 0, reply.getLength(), StandardCharsets.UTF_8);
  }

  /** A UDP echo on a JDK socket, for the client's tests; answers {@code replies} datagrams, then stops. */
  private static Thread echo(DatagramSocket s, int replies) {
    Thread t = new Thread(() -> {
      byte[] buf = new byte[65536];
      for (int i = 0; i < replies; i++) {
        DatagramPacket p = new DatagramPacket(buf, buf.length);
        try {
          s.receive(p);
          s.send(new DatagramPacket(p.getData(), p.getLength(), p.getSocketAddress()));
        } catch (IOException e) {
          return;
        }
      }
    }, "udp-echo-peer");
    t.setDaemon(true);
    t.start();
    return t;
  }

  @ParameterizedTest
  @MethodSource("dev.nettool.protocols.testing.Transports#available")
  void udpEchoPrintsItsReadyLineThenOneMessagePerDatagramAndASummary(TransportKind transport) throws Exception {
    CliHarness.Running server = CliHarness.start("udp-echo", "--port", "0", "--transport", transport.label());
    String ready = server.takeLine(WAIT);
    assertThat(ready).isEqualTo("listening udp 127.0.0.1:" + port(ready) + " transport=" + transport.label()
        + " mode=echo");
    try (DatagramSocket s = peer()) {
      assertThat(send(s, port(ready), "hello\n", true)).isEqualTo("hello\n");
      assertThat(server.takeLine(WAIT)).isEqualTo("message from 127.0.0.1:" + s.getLocalPort() + " 6 bytes");
    }
    server.stop();
    assertThat(server.awaitExit(WAIT)).isZero();
    assertThat(server.takeLine(WAIT)).matches("summary udp 1 datagrams in=6 out=6 .+");
  }

  @Test
  void udpServerExitsZeroAfterCountDatagramsShowingPayloadsWithVerbose() throws Exception {
    CliHarness.Running server = CliHarness.start("udp-server", "--count", "2", "-v");
    int port = port(server.takeLine(WAIT));
    try (DatagramSocket s = peer()) {
      send(s, port, "one\n", false);
      send(s, port, "two", false);
      assertThat(server.awaitExit(WAIT)).isZero();
      String[] lines = server.stdout().split("\n");
      assertThat(lines).hasSize(4);
      assertThat(lines[1]).isEqualTo("message from 127.0.0.1:" + s.getLocalPort() + " 4 bytes: \"one\\n\"");
      assertThat(lines[2]).isEqualTo("message from 127.0.0.1:" + s.getLocalPort() + " 3 bytes: \"two\"");
      assertThat(lines[3]).matches("summary udp 2 datagrams in=7 out=0 .+");
    }
  }

  @Test
  void quietEchoPrintsOnlyTheReadyLine() throws Exception {
    CliHarness.Running server = CliHarness.start("udp-echo", "-q", "--count", "1");
    String ready = server.takeLine(WAIT);
    try (DatagramSocket s = peer()) {
      assertThat(send(s, port(ready), "x", true)).isEqualTo("x");
    }
    assertThat(server.awaitExit(WAIT)).isZero();
    assertThat(server.stdout()).isEqualTo(ready + "\n");
  }

  @Test
  void jsonReadyLineCarriesTheAddress() throws Exception {
    CliHarness.Running server = CliHarness.start("udp-server", "--json", "--mode", "discard");
    String ready = server.takeLine(WAIT);
    assertThat(ready).startsWith("{\"event\":\"listening\",").contains("\"proto\":\"udp\"", "\"host\":\"127.0.0.1\"",
        "\"mode\":\"discard\"").containsPattern("\"port\":\\d+");
    server.stop();
    assertThat(server.awaitExit(WAIT)).isZero();
    assertThat(server.takeLine(WAIT)).startsWith("{\"event\":\"summary\",").contains("\"datagrams\":0");
  }

  @Test
  void clientPrintsRepliesAndExitsZeroOnTheExpectedOne() throws Exception {
    try (DatagramSocket s = peer()) {
      Thread peer = echo(s, 2);
      CliResult r = cli("udp-client", "127.0.0.1:" + s.getLocalPort(), "--data", "hello\\n", "--data", "world",
          "--expect", "world", "--wait", "10s");
      assertThat(r).exitedWith(0).hasOut("hello\nworld\n").hasErr("");
      peer.join(WAIT.toMillis());
    }
  }

  @Test
  void clientExitsOneWhenTheWaitRunsOutUnmet() throws Exception {
    try (DatagramSocket s = peer()) {
      echo(s, 1);
      CliResult r = cli("udp-client", "127.0.0.1:" + s.getLocalPort(), "--data", "hello", "--expect-regex", "w.rld",
          "--wait", "200ms");
      assertThat(r).exitedWith(1).hasOut("hello\n")
          .hasErr("nettool: expectation not met: /w.rld/ not received within 200ms" + NL);
    }
  }

  @Test
  void clientSendsStdinLines() throws Exception {
    try (DatagramSocket s = peer()) {
      echo(s, 2);
      CliResult r = CliHarness.runWithStdin("a\nb\n",
          new String[] {"udp-client", "127.0.0.1:" + s.getLocalPort(), "--expect", "b"});
      assertThat(r).exitedWith(0).hasOut("a\nb\n");
    }
  }

  @Test
  void clientReportsAClosedPortUnreachableWithExitThree() throws Exception {
    int port;
    try (DatagramSocket gone = peer()) {
      port = gone.getLocalPort();
    }
    CliResult r = cli("udp-client", "127.0.0.1:" + port, "--data", "a", "--data", "b", "--wait", "5s");
    assertThat(r).exitedWith(3).hasErr("nettool: cannot reach 127.0.0.1:" + port + ": port unreachable" + NL);
  }

  @Test
  void clientTimesOutWith124() throws Exception {
    try (DatagramSocket s = peer()) {
      CliResult r = cli("udp-client", "127.0.0.1:" + s.getLocalPort(), "--data", "a", "--wait", "30s",
          "--timeout", "200ms");
      assertThat(r).exitedWith(124).hasErr("nettool: timed out: udp-client did not finish within 200ms" + NL);
    }
  }

  @Test
  void pingReportsEachReplyAndNoLoss() throws Exception {
    try (DatagramSocket s = peer()) {
      echo(s, 3);
      CliResult r = cli("udp-client", "127.0.0.1:" + s.getLocalPort(), "--ping", "3", "--interval", "20ms",
          "--size", "100");
      assertThat(r).exitedWith(0);
      String[] lines = r.out().split("\n");
      assertThat(lines).hasSize(6);
      for (int seq = 1; seq <= 3; seq++) {
        assertThat(lines[seq - 1]).matches("100 bytes from 127\\.0\\.0\\.1:" + s.getLocalPort() + ": seq=" + seq
            + " time=\\d+\\.\\d{3} ms");
      }
      assertThat(lines[3]).isEqualTo("--- 127.0.0.1:" + s.getLocalPort() + " ping statistics ---");
      assertThat(lines[4]).isEqualTo("3 packets transmitted, 3 received, 0% packet loss");
      assertThat(lines[5]).matches("rtt min/avg/max/p99 = [\\d.]+/[\\d.]+/[\\d.]+/[\\d.]+ ms");
    }
  }

  @Test
  void pingWithJsonPrintsReplyAndPingEvents() throws Exception {
    try (DatagramSocket s = peer()) {
      echo(s, 2);
      CliResult r = cli("udp-client", "127.0.0.1:" + s.getLocalPort(), "--ping", "2", "--interval", "10ms", "--json");
      assertThat(r).exitedWith(0);
      String[] lines = r.out().split("\n");
      assertThat(lines).hasSize(3);
      assertThat(lines[0]).startsWith("{\"event\":\"reply\",").contains("\"seq\":1", "\"bytes\":64");
      assertThat(lines[2]).startsWith("{\"event\":\"ping\",").contains("\"transmitted\":2", "\"received\":2",
          "\"loss\":0.0");
    }
  }

  @Test
  void anInterruptedPingExits130AfterItsSummary() throws Exception {
    try (DatagramSocket s = peer()) {
      echo(s, 1);
      CliHarness.Running client = CliHarness.start("udp-client", "127.0.0.1:" + s.getLocalPort(), "--ping", "100",
          "--interval", "10s");
      assertThat(client.takeLine(WAIT)).contains("seq=1");
      client.stop();
      assertThat(client.awaitExit(WAIT)).isEqualTo(130);
      assertThat(client.stdout()).contains("1 packets transmitted, 1 received, 0% packet loss");
    }
  }
}
