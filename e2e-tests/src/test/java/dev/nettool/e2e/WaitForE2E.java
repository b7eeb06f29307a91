package dev.nettool.e2e;

import static dev.nettool.e2e.TcpEchoE2E.EXCHANGE;
import static dev.nettool.e2e.TcpEchoE2E.READY;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code nettool wait-for} as a process: targets that socat and python3 start listening on later. */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class WaitForE2E {
  @RegisterExtension final Launched launched = new Launched();

  @TempDir Path dir;

  @Test
  void runsTheCommandOnceASocatListenerAppearsAndExitsWithItsStatus() throws Exception {
    int port = TcpClientE2E.closedPort();
    NettoolProcess waiter = launched.nettool(new NettoolProcess.Spec(List.of(
        "wait-for", "-v", "127.0.0.1:" + port, "--timeout", "20s", "--", "sh", "-c", "exit 7")).eventsOnStderr());
    waiter.awaitEvent("wait 127\\.0\\.0\\.1:" + port + " attempt 1: .*", READY);

    Peer socat = launched.peer(null, "socat", "-d", "-d", "TCP-LISTEN:" + port + ",bind=127.0.0.1,reuseaddr,fork",
        "PIPE");
    socat.awaitStderr("listening on", READY);

    assertThat(waiter.waitFor(EXCHANGE)).as(waiter.describe()).isEqualTo(7);
    assertThat(waiter.eventLines()).as(waiter.describe())
        .anyMatch(l -> l.matches("ready 127\\.0\\.0\\.1:" + port + " after [0-9.]+m?s"));
  }

  @Test
  void exits124WithOneLineWhenNothingEverListens() throws Exception {
    int port = TcpClientE2E.closedPort();

    NettoolProcess waiter = launched.nettool("wait-for", "127.0.0.1:" + port, "--timeout", "500ms");

    assertThat(waiter.waitFor(EXCHANGE)).as(waiter.describe()).isEqualTo(124);
    assertThat(waiter.stdout()).isEmpty();
    assertThat(waiter.stderrLines()).as(waiter.describe()).singleElement().asString()
        .isEqualTo("nettool: timed out: 127.0.0.1:" + port + " did not accept a connection within 500ms");
  }

  @Test
  void exitsZeroOnceAPythonUnixListenerAppears() throws Exception {
    Path sock = dir.resolve("later.sock");
    NettoolProcess waiter = launched.nettool(new NettoolProcess.Spec(List.of(
        "wait-for", "-v", "unix:" + sock, "--timeout", "20s")).eventsOnStderr());
    waiter.awaitEvent("wait .* attempt 1: .*", READY);

    Peer python = launched.peer(null, "python3", Peer.script("unix_listener.py"), sock.toString());
    python.awaitStderr("^listening ", READY);

    assertThat(waiter.waitFor(EXCHANGE)).as(waiter.describe()).isZero();
    assertThat(waiter.eventLines()).as(waiter.describe()).anyMatch(l -> l.startsWith("ready "));
  }

  @Test
  void passesTheCommandsDeathBySigtermOnAs143() throws Exception {
    Peer socat = launched.peer(null, "socat", "-d", "-d", "TCP-LISTEN:0,bind=127.0.0.1,reuseaddr,fork", "PIPE");
    String port = socat.awaitStderr("listening on .*:(\\d+)\\s*$", READY).group(1);

    NettoolProcess waiter = launched.nettool("wait-for", "127.0.0.1:" + port, "--timeout", "20s", "--",
        "sh", "-c", "kill -TERM $$");

    assertThat(waiter.waitFor(EXCHANGE)).as(waiter.describe()).isEqualTo(143);
  }
}
