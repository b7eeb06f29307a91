package dev.nettool.cli.wait;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nettool.cli.CliContext;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The command after {@code --} as a real child process: environment and signal forwarding. */
@Timeout(30)
class ChildCommandIT {

  @Test
  void passesSigtermOnToTheCommand() {
    CompletableFuture<String> stop = CompletableFuture.completedFuture("SIGTERM");
    assertThat(ChildCommand.run(context(Map.of(), stop), List.of("sleep", "30"))).isEqualTo(143);
  }

  @Test
  void givesTheCommandNettoolsEnvironment() {
    Map<String, String> env = Map.of("WAIT_FOR_TEST", "42");
    int code = ChildCommand.run(context(env, new CompletableFuture<>()),
        List.of("sh", "-c", "test \"$WAIT_FOR_TEST\" = 42"));
    assertThat(code).as("exit status of the test in the child").isZero();
  }

  private static CliContext context(Map<String, String> env, CompletableFuture<String> stop) {
    return new CliContext(new ByteArrayInputStream(new byte[0]),
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), env, stop, false);
  }
}
