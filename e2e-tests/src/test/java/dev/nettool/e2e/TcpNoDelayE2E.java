package dev.nettool.e2e;

import static dev.nettool.e2e.TcpEchoE2E.EXCHANGE;
import static dev.nettool.e2e.TcpEchoE2E.READY;
import static dev.nettool.e2e.TcpEchoE2E.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Nagle's algorithm on or off, seen from outside: the ready line, and the {@code setsockopt} calls
 * on the accepted socket as {@code strace} records them.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class TcpNoDelayE2E {
  private static final Pattern NODELAY = Pattern.compile("setsockopt\\((\\d+), SOL_TCP, TCP_NODELAY, \\[(\\d+)]");

  @RegisterExtension final Launched launched = new Launched();

  @TempDir Path dir;

  @Test
  void readyLineSaysNodelayOnWithNoDelay() throws Exception {
    ReadyLine ready = launched.nettool("tcp-echo", "--port", "0", "--no-delay").awaitReady(READY);

    assertThat(ready.line()).endsWith(" nodelay=on");
    assertThat(ready.fields()).containsEntry("nodelay", "on");
  }

  @Test
  void jsonReadyLineSaysNodelayOffByDefault() throws Exception {
    ReadyLine ready = launched.nettool("tcp-echo", "--port", "0", "--json").awaitReady(READY);

    assertThat(ready.fields()).containsEntry("nodelay", "off");
  }

  /**
   * Netty turns TCP_NODELAY on for every new socket by default, so without {@code --no-delay} the
   * server must set it back to 0: what counts is the last value set on the accepted socket.
   */
  @ParameterizedTest(name = "--no-delay given: {0}")
  @ValueSource(booleans = {true, false})
  void setsTcpNodelayOnTheAcceptedSocketOnlyWithNoDelay(boolean noDelay) throws Exception {
    Path trace = dir.resolve("strace.txt");
    List<String> args = new ArrayList<>(List.of("tcp-echo", "--port", "0", "--count", "1"));
    if (noDelay) {
      args.add("--no-delay");
    }
    NettoolProcess server = launched.nettool(new NettoolProcess.Spec(args)
        .wrappedBy("strace", "-f", "-qq", "-e", "trace=setsockopt", "-o", trace.toString()));
    int port = server.awaitPort(READY);

    var nc = launched.peer(bytes("nagle\n"), "nc", "-N", "127.0.0.1", String.valueOf(port)).await(EXCHANGE);
    assertThat(nc.text()).as(nc.describe()).isEqualTo("nagle\n");
    server.awaitEvent("connection #1 from 127\\.0\\.0\\.1:\\d+ nodelay=" + (noDelay ? "on" : "off"), EXCHANGE);
    assertThat(server.waitFor(EXCHANGE)).as(server.describe()).isZero();

    List<Integer> values = new ArrayList<>();
    for (String line : Files.readAllLines(trace)) {
      Matcher m = NODELAY.matcher(line);
      if (m.find()) {
        values.add(Integer.parseInt(m.group(2)));
      }
    }
    assertThat(values).as("TCP_NODELAY values set, in order, per strace").isNotEmpty().last().isEqualTo(noDelay ? 1 : 0);
  }
}
