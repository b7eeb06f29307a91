package dev.nettool.e2e;

import static dev.nettool.e2e.TcpEchoE2E.EXCHANGE;
import static dev.nettool.e2e.TcpEchoE2E.READY;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code nettool udp-echo}, {@code udp-server} and {@code udp-client} as processes, against python3 and Node dgram. */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class UdpE2E {
  private static final int SMALL = 4_000;
  private static final int LARGEST = 65_507;

  @RegisterExtension final Launched launched = new Launched();

  @Test
  void echoesA4000AndA65507ByteDatagramWholeToAPythonClientThenExitsAfterCount() throws Exception {
    NettoolProcess server = launched.nettool("udp-echo", "--port", "0", "--count", "2");
    ReadyLine ready = server.awaitReady(READY);
    assertThat(ready.line()).matches("listening udp 127\\.0\\.0\\.1:\\d+ transport=epoll mode=echo");
    byte[] payload = random(SMALL + LARGEST);

    Peer python = launched.peer(payload, "python3", Peer.script("udp_client.py"), "127.0.0.1",
        String.valueOf(ready.port()), String.valueOf(SMALL), String.valueOf(LARGEST));
    String clientPort = python.awaitStderr("^bound (\\d+)$", READY).group(1);
    var result = python.await(EXCHANGE);

    assertThat(result.exitCode()).as(result.describe()).isZero();
    assertThat(result.bytes()).as("both datagrams came back whole, in order").isEqualTo(payload);
    assertThat(server.waitFor(EXCHANGE)).as(server.describe()).isZero();
    assertThat(server.eventLines()).as(server.describe()).containsSubsequence(
        "message from 127.0.0.1:" + clientPort + " " + SMALL + " bytes",
        "message from 127.0.0.1:" + clientPort + " " + LARGEST + " bytes")
        .last().asString().matches("summary udp 2 datagrams .*");
  }

  @Test
  void echoesA4000AndA65507ByteDatagramWholeToANodeDgramClient() throws Exception {
    int port = launched.nettool("udp-echo", "--port", "0").awaitPort(READY);
    byte[] payload = random(SMALL + LARGEST);

    var node = launched.peer(payload, "node", Peer.script("udp-client.js"), "127.0.0.1", String.valueOf(port),
        String.valueOf(SMALL), String.valueOf(LARGEST)).await(EXCHANGE);

    assertThat(node.exitCode()).as(node.describe()).isZero();
    assertThat(node.bytes()).as("both datagrams came back whole, in order").isEqualTo(payload);
  }

  @Test
  void echoesOverIpv6ToAPythonInet6Client() throws Exception {
    NettoolProcess server = launched.nettool("udp-echo", "--host", "::1", "--port", "0");
    ReadyLine ready = server.awaitReady(READY);
    assertThat(ready.host()).isEqualTo("::1");
    byte[] payload = random(SMALL + LARGEST);

    var python = launched.peer(payload, "python3", Peer.script("udp_client.py"), "::1", String.valueOf(ready.port()),
        String.valueOf(SMALL), String.valueOf(LARGEST)).await(EXCHANGE);

    assertThat(python.exitCode()).as(python.describe()).isZero();
    assertThat(python.bytes()).isEqualTo(payload);
    server.awaitEvent("message from \\[::1]:\\d+ " + LARGEST + " bytes", EXCHANGE);
  }

  @Test
  void clientExitsZeroWhenAPythonEchoSendsTheExpectedText() throws Exception {
    int port = pythonServer("echo");

    NettoolProcess client = launched.nettool("udp-client", "--data", "hello", "--expect", "hello",
        "127.0.0.1:" + port);

    assertThat(client.waitFor(EXCHANGE)).as(client.describe()).isZero();
    assertThat(client.stdout()).isEqualTo("hello\n");
  }

  @Test
  void clientExitsOneWhenAPythonServerDropsEverythingAndTheWaitRunsOut() throws Exception {
    int port = pythonServer("drop");

    NettoolProcess client = launched.nettool("udp-client", "--data", "hello", "--wait", "300ms", "--expect", "x",
        "127.0.0.1:" + port);

    assertThat(client.waitFor(EXCHANGE)).as(client.describe()).isEqualTo(1);
    assertThat(client.stderrLines()).as(client.describe()).singleElement().asString()
        .startsWith("nettool: expectation not met: ");
  }

  @Test
  void clientExitsThreeWhenThePortIsUnreachable() throws Exception {
    int port;
    try (DatagramSocket s = new DatagramSocket(0, InetAddress.getByName("127.0.0.1"))) {
      port = s.getLocalPort();
    }

    NettoolProcess client = launched.nettool("udp-client", "--data", "hello", "127.0.0.1:" + port);

    assertThat(client.waitFor(EXCHANGE)).as(client.describe()).isEqualTo(3);
    assertThat(client.stderrLines()).as(client.describe()).singleElement().asString()
        .isEqualTo("nettool: cannot reach 127.0.0.1:" + port + ": port unreachable");
  }

  @Test
  void clientPingsANodeDgramEchoWithoutLoss() throws Exception {
    Peer node = launched.peer(null, "node", Peer.script("udp-echo.js"));
    String port = node.awaitStderr("^listening (\\d+)$", READY).group(1);

    NettoolProcess client = launched.nettool("udp-client", "--ping", "3", "--interval", "50ms", "127.0.0.1:" + port);

    assertThat(client.waitFor(EXCHANGE)).as(client.describe()).isZero();
    assertThat(client.eventLines()).as(client.describe())
        .contains("3 packets transmitted, 3 received, 0% packet loss");
  }

  @Test
  void serverExitsZeroWithASummaryOnSigterm() throws Exception {
    NettoolProcess server = launched.nettool("udp-server", "--port", "0");
    int port = server.awaitPort(READY);
    launched.peer(new byte[0], "python3", Peer.script("udp_send.py"), "127.0.0.1", String.valueOf(port), "one")
        .await(EXCHANGE);
    server.awaitEvent("message from 127\\.0\\.0\\.1:\\d+ 3 bytes", EXCHANGE);

    server.sigterm();

    assertThat(server.waitFor(EXCHANGE)).as(server.describe()).isZero();
    assertThat(server.eventLines()).as(server.describe()).last().asString()
        .matches("summary udp 1 datagrams in=3 out=0 [0-9.]+m?s");
  }

  /** {@code peers/udp_server.py} in {@code echo} or {@code drop} mode on 127.0.0.1; returns its port. */
  private int pythonServer(String mode) throws InterruptedException {
    Peer python = launched.peer(null, "python3", Peer.script("udp_server.py"), mode);
    return Integer.parseInt(python.awaitStderr("^listening (\\d+)$", READY).group(1));
  }

  private static byte[] random(int size) {
    byte[] b = new byte[size];
    new Random(size).nextBytes(b);
    return b;
  }
}
