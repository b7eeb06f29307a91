package dev.nettool.cli.wait;

import static dev.nettool.cli.CliResultAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.nettool.cli.CliHarness;
import dev.nettool.cli.CliResult;
import dev.nettool.protocols.testing.ReservedPort;
import dev.nettool.protocols.testing.Transports;
import dev.nettool.protocols.transport.TransportKind;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code nettool wait-for} end to end in-process: exit codes, the timeout line, and the command after {@code --}. */
@Timeout(60)
class WaitForCommandIT {
  @TempDir Path dir;

  static Stream<TransportKind> transports() {
    return Transports.available();
  }

  @ParameterizedTest
  @MethodSource("transports")
  void exitsZeroQuietlyOnceTheTargetIsUp(TransportKind kind) throws Exception {
    try (ReservedPort port = ReservedPort.reserve()) {
      port.listen();
      assertThat(nettool("wait-for", "127.0.0.1:" + port.port(), "--transport", kind.label()))
          .exitedWith(0).hasOut("").hasErr("");
    }
  }

  @ParameterizedTest
  @MethodSource("transports")
  void timesOutNamingTheTargetThatNeverCameUp(TransportKind kind) throws Exception {
    try (ReservedPort up = ReservedPort.reserve(); ReservedPort never = ReservedPort.reserve()) {
      up.listen();
      CliResult r = nettool("wait-for", "127.0.0.1:" + up.port(), "127.0.0.1:" + never.port(),
          "--timeout", "2s", "--interval", "50ms", "--transport", kind.label(), "--", "sh", "-c", "exit 0");
      assertThat(r).exitedWith(124)
          .hasErr("nettool: timed out: 127.0.0.1:" + never.port() + " did not accept a connection within 2s\n");
    }
  }

  @ParameterizedTest
  @MethodSource("transports")
  void waitsForAUnixSocket(TransportKind kind) throws Exception {
    Path path = dir.resolve("app.sock");
    try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
      server.bind(UnixDomainSocketAddress.of(path));
      assertThat(nettool("wait-for", "unix:" + path, "-v", "--transport", kind.label()))
          .exitedWith(0).errContains("ready unix:" + path + " after ");
    }
  }

  @Test
  void printsAReadyLineOnStderrWithVerbose() throws Exception {
    try (ReservedPort port = ReservedPort.reserve()) {
      port.listen();
      CliResult r = nettool("wait-for", "-v", "127.0.0.1:" + port.port());
      assertThat(r).exitedWith(0).hasOut("");
      assertThat(r.err()).matches("ready 127\\.0\\.0\\.1:" + port.port() + " after \\d+(\\.\\d+)?(us|ms|s)\n");
    }
  }

  @Test
  void printsJsonEventsOnStderr() throws Exception {
    try (ReservedPort port = ReservedPort.reserve(); ReservedPort never = ReservedPort.reserve()) {
      port.listen();
      CliResult r = nettool("wait-for", "--json", "127.0.0.1:" + port.port(), "127.0.0.1:" + never.port(),
          "--timeout", "2s", "--interval", "50ms");
      assertThat(r).exitedWith(124).hasOut("")
          .errContains("{\"event\":\"ready\",")
          .errContains("\"target\":\"127.0.0.1:" + port.port() + "\"")
          .errContains("{\"event\":\"wait\",")
          .errContains("\"reason\":\"connection refused\"");
    }
  }

  @Test
  void passesTheCommandsExitStatusThrough() throws Exception {
    try (ReservedPort port = ReservedPort.reserve()) {
      port.listen();
      assertThat(nettool("wait-for", "127.0.0.1:" + port.port(), "--", "sh", "-c", "exit 7"))
          .exitedWith(7).hasErr("");
    }
  }

  @Test
  void leavesOptionsAfterTheDoubleDashToTheCommand() throws Exception {
    try (ReservedPort port = ReservedPort.reserve()) {
      port.listen();
      assertThat(nettool("wait-for", "127.0.0.1:" + port.port(), "--", "sh", "-c", "exit $#", "sh", "-v", "--json"))
          .as("-v and --json are the command's two arguments, not nettool's options")
          .exitedWith(2).hasErr("");
    }
  }

  @Test
  void exitsWith128PlusTheSignalThatKilledTheCommand() throws Exception {
    try (ReservedPort port = ReservedPort.reserve()) {
      port.listen();
      assertThat(nettool("wait-for", "127.0.0.1:" + port.port(), "--", "sh", "-c", "kill -TERM $$"))
          .exitedWith(143);
    }
  }

  @Test
  void exits127WhenTheCommandIsNotFound() throws Exception {
    try (ReservedPort port = ReservedPort.reserve()) {
      port.listen();
      assertThat(nettool("wait-for", "127.0.0.1:" + port.port(), "--", "nettool-no-such-command", "x"))
          .exitedWith(127)
          .hasErr("nettool: cannot run nettool-no-such-command: No such file or directory\n");
    }
  }

  @Test
  void exits126WhenTheCommandIsNotExecutable() throws Exception {
    try (ReservedPort port = ReservedPort.reserve()) {
      port.listen();
      assertThat(nettool("wait-for", "127.0.0.1:" + port.port(), "--", dir.toString()))
          .exitedWith(126)
          .hasErr("nettool: cannot run " + dir + ": Permission denied\n");
    }
  }

  @Test
  void exits130WhenStoppedWhileWaiting() throws Exception {
    try (ReservedPort never = ReservedPort.reserve()) {
      CliHarness.Running run = CliHarness.start("wait-for", "127.0.0.1:" + never.port(), "--", "sh", "-c", "exit 0");
      run.stop();
      assertThat(run.awaitExit(Duration.ofSeconds(20))).isEqualTo(130);
    }
  }

  private static CliResult nettool(String... args) {
    return CliHarness.run(args);
  }
}
