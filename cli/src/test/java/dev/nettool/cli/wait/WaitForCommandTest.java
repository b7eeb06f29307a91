package dev.nettool.cli.wait;

import static dev.nettool.cli.CliResultAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.nettool.cli.CliHarness;
import dev.nettool.cli.CliResult;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code wait-for} command lines that are refused before anything is probed, and the pieces of parsing. */
@Timeout(30)
class WaitForCommandTest {

  @Test
  void refusesAnIntervalThatIsNotADuration() {
    assertThat(nettool("wait-for", "127.0.0.1:1", "--interval", "soon"))
        .exitedWith(2)
        .hasErr("nettool: usage: Invalid value for option '--interval': 'soon' is not a duration"
            + " (examples: 500ms, 5s, 2m, 1h)\nTry 'nettool wait-for --help' for more information.\n");
  }

  @Test
  void refusesAZeroInterval() {
    assertThat(nettool("wait-for", "127.0.0.1:1", "--interval", "0"))
        .exitedWith(2)
        .errContains("nettool: usage: Invalid value for option '--interval': must be at least 1ms");
  }

  @Test
  void refusesHttpsTargetsAsNotSupportedYet() {
    assertThat(nettool("wait-for", "https://127.0.0.1:8443/health"))
        .exitedWith(2)
        .hasErr("nettool: usage: https:// is not supported yet\nTry 'nettool wait-for --help' for more information.\n");
  }

  @Test
  void refusesAnExpectedStatusThatIsNone() {
    assertThat(nettool("wait-for", "--expect-status", "2x", "http://127.0.0.1:8080/health"))
        .exitedWith(2)
        .hasErr("nettool: usage: Invalid value for option '--expect-status': '2x' is not a status (200) or a status"
            + " class (2xx)\nTry 'nettool wait-for --help' for more information.\n");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "udp://127.0.0.1:53 | wait-for takes HOST:PORT",
      "127.0.0.1 | has no port",
      "127.0.0.1:0 | port 0 cannot accept connections"
  })
  void refusesTargetsItCannotProbe(String target, String message) {
    assertThat(nettool("wait-for", target)).exitedWith(2).errContains(message);
  }

  @Test
  void needsATargetBeforeTheCommand() {
    assertThat(nettool("wait-for", "--", "true"))
        .exitedWith(2)
        .errContains("nettool: usage: Missing required parameter: 'TARGET' (before --)");
    assertThat(nettool("wait-for")).exitedWith(2).errContains("Missing required parameter");
  }

  @Test
  void splitsTargetsFromTheCommandAtTheFirstDoubleDash() {
    List<String> args = List.of("wait-for", "a:1", "-v", "b:2", "--", "sh", "-c", "x", "--", "y");
    WaitForArguments split = WaitForArguments.split(List.of("a:1", "b:2", "sh", "-c", "x", "--", "y"), args);
    assertThat(split.targets()).containsExactly("a:1", "b:2");
    assertThat(split.command()).containsExactly("sh", "-c", "x", "--", "y");
  }

  @Test
  void hasNoCommandWithoutADoubleDash() {
    WaitForArguments split = WaitForArguments.split(List.of("a:1"), List.of("wait-for", "a:1", "-t", "5s"));
    assertThat(split.targets()).containsExactly("a:1");
    assertThat(split.command()).isEmpty();
  }

  @ParameterizedTest
  @CsvSource({"PT30S, 30s", "PT0.2S, 200ms", "PT2M, 2m", "PT1H, 1h", "PT1.5S, 1500ms", "PT90S, 90s", "PT0S, 0us"})
  void namesTheTimeoutAsPeopleWriteIt(Duration timeout, String spoken) {
    assertThat(dev.nettool.protocols.unit.Durations.spoken(timeout)).isEqualTo(spoken);
  }

  @Test
  void documentsTheCommandExitStatusesInHelp() {
    assertThat(nettool("wait-for", "--help"))
        .exitedWith(0)
        .outContains("126 when CMD is")
        .outContains("124");
  }

  private static CliResult nettool(String... args) {
    return CliHarness.run(args);
  }
}
