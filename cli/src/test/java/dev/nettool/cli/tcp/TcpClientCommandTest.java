package dev.nettool.cli.tcp;

import static dev.nettool.cli.CliResultAssert.assertThat;

import dev.nettool.cli.CliHarness;
import dev.nettool.cli.CliResult;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Usage errors of {@code tcp-client}: exit 2 and one line naming the problem, before anything connects. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class TcpClientCommandTest {
  private static final String HINT = "Try 'nettool tcp-client --help' for more information.\n";

  @TempDir Path dir;

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "localhost | 'localhost' has no port (expected HOST:PORT)",
      "::1:80 | '::1:80' is ambiguous: write an IPv6 address as [ADDR]:PORT",
      "127.0.0.1:70000 | port 70000 in '127.0.0.1:70000' is out of range 0-65535",
      "127.0.0.1:http | 'http' in '127.0.0.1:http' is not a port number",
      "tcp://example | 'tcp://example' has no port",
      "unix: | 'unix:' has no socket path"})
  void rejectsABadTargetNamingTheProblem(String target, String problem) {
    assertThat(cli("tcp-client", target))
        .exitedWith(2)
        .hasOut("")
        .hasErr("nettool: usage: Invalid value for positional parameter at index 0 (TARGET): " + problem + "\n" + HINT);
  }

  @Test
  void needsATarget() {
    assertThat(cli("tcp-client"))
        .exitedWith(2)
        .hasErr("nettool: usage: Missing required parameter: 'TARGET'\n" + HINT);
  }

  @Test
  void takesDataOrADataFileNotBoth() {
    assertThat(cli("tcp-client", "--data", "x", "--data-file", "f", "127.0.0.1:1"))
        .exitedWith(2)
        .hasErr("nettool: --data: give --data or --data-file, not both\n");
  }

  @Test
  void namesADataFileThatCannotBeRead() {
    Path missing = dir.resolve("missing.bin");
    assertThat(cli("tcp-client", "--data-file", missing.toString(), "127.0.0.1:1"))
        .exitedWith(2)
        .hasErr("nettool: --data-file: cannot read " + missing + ": no such file\n");
    assertThat(cli("tcp-client", "--data-file", dir.toString(), "127.0.0.1:1"))
        .exitedWith(2)
        .hasErr("nettool: --data-file: cannot read " + dir + ": is a directory\n");
  }

  @Test
  void takesOneKindOfExpectation() {
    assertThat(cli("tcp-client", "--expect", "a", "--expect-regex", "b", "127.0.0.1:1"))
        .exitedWith(2)
        .hasErr("nettool: --expect: give --expect or --expect-regex, not both\n");
  }

  @Test
  void rejectsABadRegularExpression() {
    assertThat(cli("tcp-client", "--expect-regex", "(", "127.0.0.1:1"))
        .exitedWith(2)
        .errContains("nettool: --expect-regex: ");
  }

  @Test
  void rejectsABadDuration() {
    assertThat(cli("tcp-client", "--connect-timeout", "soon", "127.0.0.1:1"))
        .exitedWith(2)
        .errContains("nettool: usage: Invalid value for option '--connect-timeout': 'soon' is not a duration");
    assertThat(cli("tcp-client", "--connect-timeout", "0s", "127.0.0.1:1"))
        .exitedWith(2)
        .hasErr("nettool: --connect-timeout: must be more than 0\n");
    assertThat(cli("tcp-client", "--timeout", "0", "127.0.0.1:1"))
        .exitedWith(2)
        .hasErr("nettool: --timeout: must be more than 0\n");
  }

  @Test
  void rejectsAnUnknownTransport() {
    assertThat(cli("tcp-client", "--transport", "carrier-pigeon", "127.0.0.1:1"))
        .exitedWith(2)
        .errContains("'carrier-pigeon' is not one of auto, epoll, io_uring, nio");
  }

  @Test
  void listsItsOptionsAndExitCodesInHelp() {
    assertThat(cli("tcp-client", "--help"))
        .exitedWith(0)
        .outContains("Usage: nettool tcp-client")
        .outContains("--data=TEXT")
        .outContains("--expect-regex=RE")
        .outContains("--connect-timeout=DURATION")
        .outContains("Print what arrives as a hex dump")
        .outContains("Exit codes:")
        .outContains("124");
  }

  /** Runs with no input (an array, so that the harness's two run methods are not ambiguous). */
  private static CliResult cli(String... args) {
    return CliHarness.run(args);
  }
}
