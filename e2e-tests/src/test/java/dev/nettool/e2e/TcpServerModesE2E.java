package dev.nettool.e2e;

import static dev.nettool.e2e.TcpEchoE2E.EXCHANGE;
import static dev.nettool.e2e.TcpEchoE2E.READY;
import static dev.nettool.e2e.TcpEchoE2E.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code nettool tcp-server --mode ...} as a process, against socat, nc, python3 and node. */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class TcpServerModesE2E {
  @RegisterExtension final Launched launched = new Launched();

  @Test
  void discardCountsEveryByteSocatSent() throws Exception {
    byte[] payload = random(1 << 20);
    NettoolProcess server = launched.nettool("tcp-server", "--mode", "discard", "--port", "0", "--count", "1");
    int port = server.awaitPort(READY);

    var socat = launched.peer(payload, "socat", "-t", "30", "-", "TCP:127.0.0.1:" + port + ",shut-down").await(EXCHANGE);

    assertThat(socat.exitCode()).as(socat.describe()).isZero();
    assertThat(socat.length()).as("discard sends nothing back").isZero();
    assertThat(server.waitFor(EXCHANGE)).as(server.describe()).isZero();
    assertThat(server.eventLines()).as(server.describe())
        .anyMatch(l -> l.matches("close #1 in=1048576 out=0 .*"))
        .last().asString().matches("summary tcp 1 connections in=1048576 out=0 .*");
  }

  @Test
  void sourceSendsTheChargenPatternToNetcat() throws Exception {
    NettoolProcess server = launched.nettool("tcp-server", "--mode", "source", "--size", "100000", "--port", "0");
    int port = server.awaitPort(READY);

    var nc = launched.peer(new byte[0], "nc", "-N", "127.0.0.1", String.valueOf(port)).await(EXCHANGE);

    assertThat(nc.exitCode()).as(nc.describe()).isZero();
    byte[] got = nc.bytes();
    assertThat(got.length).isEqualTo(100_000);
    assertThat(got).as("RFC 864 chargen pattern").isEqualTo(chargen(100_000));
  }

  @Test
  void repliesToAPythonSocketClient() throws Exception {
    NettoolProcess server = launched.nettool("tcp-server", "--mode", "reply", "--reply", "pong\n", "--port", "0");
    int port = server.awaitPort(READY);

    var python = launched.peer(bytes("ping"), "python3", Peer.script("tcp_client.py"), "127.0.0.1",
        String.valueOf(port)).await(EXCHANGE);

    assertThat(python.exitCode()).as(python.describe()).isZero();
    assertThat(python.text()).isEqualTo("pong\n");
  }

  @Test
  void welcomesANodeClientBeforeTheEcho() throws Exception {
    NettoolProcess server = launched.nettool("tcp-server", "--mode", "echo", "--welcome", "Welcome to Nodejs\\n",
        "--port", "0");
    int port = server.awaitPort(READY);

    var node = launched.peer(bytes("ping\n"), "node", Peer.script("tcp-client.js"), "127.0.0.1",
        String.valueOf(port)).await(EXCHANGE);

    assertThat(node.exitCode()).as(node.describe()).isZero();
    assertThat(node.text()).isEqualTo("Welcome to Nodejs\nping\n");
  }

  @Test
  void dropsTheConnectionOverMaxConnections() throws Exception {
    NettoolProcess server = launched.nettool("tcp-server", "--mode", "echo", "--max-connections", "1", "--port", "0");
    String port = String.valueOf(server.awaitPort(READY));
    Peer first = launched.peer(null, "nc", "-N", "127.0.0.1", port);
    server.awaitEvent("connection #1 from 127\\.0\\.0\\.1:\\d+( .*)?", EXCHANGE);

    var second = launched.peer(new byte[0], "python3", Peer.script("await_close.py"), "127.0.0.1", port)
        .await(EXCHANGE);

    assertThat(second.exitCode()).as(second.describe()).isZero();
    assertThat(second.text()).as("the second client is closed at once").isEqualTo("closed\n");
    server.awaitEvent("drop #2 from 127\\.0\\.0\\.1:\\d+ max-connections=1", EXCHANGE);
    first.writeStdin(bytes("the first is still served\n"));
    first.closeStdin();
    var firstResult = first.await(EXCHANGE);
    assertThat(firstResult.exitCode()).as(firstResult.describe()).isZero();
    assertThat(firstResult.text()).isEqualTo("the first is still served\n");
  }

  @Test
  void forwardsToANodeEchoUpstreamIntact() throws Exception {
    // Node's pipe() rather than socat's PIPE, which deadlocks on its own pipe when its reader is slow.
    Peer upstream = launched.peer(null, "node", Peer.script("tcp-server.js"), "echo");
    String upstreamPort = upstream.awaitStderr("listening (\\d+)", READY).group(1);
    NettoolProcess server = launched.nettool("tcp-server", "--mode", "forward", "--to", "127.0.0.1:" + upstreamPort,
        "--port", "0");
    int port = server.awaitPort(READY);
    byte[] payload = random(8 << 20);

    var nc = launched.peer(payload, "nc", "-N", "127.0.0.1", String.valueOf(port)).await(EXCHANGE);

    assertThat(nc.exitCode()).as(nc.describe()).isZero();
    server.awaitEvent("close #1 .*", EXCHANGE);
    assertThat(nc.length()).as(server.describe() + "\n" + upstream.describe()).isEqualTo(payload.length);
    assertThat(nc.sha256()).as("SHA-256 through forward and Node").isEqualTo(sha256(payload));
    assertThat(server.eventLines()).contains("end #1").anyMatch(l -> l.matches("close #1 in=8388608 out=8388608 .*"));
  }

  @Test
  void pipesStdinAndStdoutThroughASocatClient() throws Exception {
    NettoolProcess server = launched.nettool(new NettoolProcess.Spec(
        List.of("tcp-server", "--mode", "pipe", "--port", "0"))
        .stdin(bytes("from nettool's stdin\n")).eventsOnStderr());
    int port = server.awaitPort(READY);

    var socat = launched.peer(bytes("from socat\n"), "socat", "-t", "30", "-", "TCP:127.0.0.1:" + port + ",shut-down")
        .await(EXCHANGE);

    assertThat(socat.exitCode()).as(socat.describe()).isZero();
    assertThat(socat.text()).isEqualTo("from nettool's stdin\n");
    assertThat(server.waitFor(EXCHANGE)).as(server.describe()).isZero();
    assertThat(new String(server.stdoutBytes(), StandardCharsets.UTF_8))
        .as("stdout carries only the payload").isEqualTo("from socat\n");
    assertThat(server.eventLines()).as("events go to stderr")
        .anyMatch(l -> l.matches("connection #1 from 127\\.0\\.0\\.1:\\d+( .*)?"))
        .anyMatch(l -> l.matches("close #1 in=11 out=21 .*"));
  }

  @Test
  void closesAnIdleNetcatConnectionWithATimeoutEvent() throws Exception {
    NettoolProcess server = launched.nettool("tcp-server", "--mode", "discard", "--idle-timeout", "300ms",
        "--port", "0");
    int port = server.awaitPort(READY);

    // Without -N, nc keeps its side open after stdin's EOF and waits for the server.
    var nc = launched.peer(new byte[0], "nc", "127.0.0.1", String.valueOf(port)).await(EXCHANGE);

    assertThat(nc.exitCode()).as(nc.describe()).isZero();
    server.awaitEvent("timeout #1 idle 300(\\.0)?ms", EXCHANGE);
    Matcher close = server.awaitEvent("close #1 in=0 out=0 ([0-9.]+)(m?s)", EXCHANGE);
    double ms = Double.parseDouble(close.group(1)) * (close.group(2).equals("s") ? 1000 : 1);
    assertThat(ms).as("closed after the idle time, not before").isGreaterThanOrEqualTo(300);
  }

  /** RFC 864: line k is 72 characters starting at printable character k mod 95 (from ' '), then CRLF. */
  static byte[] chargen(int size) {
    byte[] out = new byte[size];
    int i = 0;
    for (int line = 0; i < size; line++) {
      for (int c = 0; c < 72 && i < size; c++) {
        out[i++] = (byte) (' ' + (line + c) % 95);
      }
      if (i < size) {
        out[i++] = '\r';
      }
      if (i < size) {
        out[i++] = '\n';
      }
    }
    return out;
  }

  private static byte[] random(int size) {
    byte[] b = new byte[size];
    new Random(size).nextBytes(b);
    return b;
  }

  private static String sha256(byte[] b) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
  }
}
