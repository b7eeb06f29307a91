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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Readiness outside the ready line: the systemd notify socket, and the transport the ready line names. */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class ReadySignalsE2E {
  @RegisterExtension final Launched launched = new Launched();

  @TempDir Path dir;

  @Test
  void sendsReadyThenStoppingToTheNotifySocket() throws Exception {
    Path sock = dir.resolve("notify.sock");
    Peer notify = launched.peer(null, "python3", Peer.script("notify_socket.py"), sock.toString());
    notify.awaitStderr("^bound ", READY);
    NettoolProcess server = launched.nettool(new NettoolProcess.Spec(List.of("tcp-echo", "--port", "0"))
        .env("NOTIFY_SOCKET", sock.toString()));

    server.awaitReady(READY);

    notify.awaitStderr("^READY=1 MAINPID=" + server.pid() + "$", EXCHANGE);
    server.sigterm();
    notify.awaitStderr("^STOPPING=1$", EXCHANGE);
    assertThat(server.waitFor(EXCHANGE)).as(server.describe()).isZero();
  }

  @ParameterizedTest
  @ValueSource(strings = {"io_uring", "nio"})
  void theReadyLineNamesTheChosenTransport(String transport) throws Exception {
    NettoolProcess server = launched.nettool("tcp-echo", "--port", "0", "--transport", transport);

    ReadyLine ready = server.awaitReady(READY);

    assertThat(ready.line()).matches("listening tcp 127\\.0\\.0\\.1:\\d+ transport=" + transport + " .*");
    assertThat(ready.transport()).isEqualTo(transport);
  }

  @Test
  void rejectsAnUnknownTransportWithExitCode2() throws Exception {
    NettoolProcess server = launched.nettool("tcp-echo", "--port", "0", "--transport", "bogus");

    assertThat(server.waitFor(EXCHANGE)).as(server.describe()).isEqualTo(2);
    assertThat(server.stdout()).as("no ready line").isEmpty();
    assertThat(server.stderrLines()).as(server.describe()).first().asString()
        .startsWith("nettool: ").contains("--transport").contains("bogus");
  }
}
