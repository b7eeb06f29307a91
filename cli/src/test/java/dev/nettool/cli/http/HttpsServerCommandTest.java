package dev.nettool.cli.http;

import static dev.nettool.cli.CliResultAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.nettool.cli.CliHarness;
import dev.nettool.protocols.testing.NettyLeakCheck;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** {@code https-server} and {@code http-server --tls} through the same factory as Main: ready line, usage errors. */
@Timeout(30)
@ExtendWith(NettyLeakCheck.class)
class HttpsServerCommandTest {
  private static final Duration WAIT = Duration.ofSeconds(10);

  @TempDir Path dir;

  @Test
  void readyLineNamesTheCaMadeInCertDirAndTheHttpsUrl() throws Exception {
    CliHarness.Running server = CliHarness.start("https-server", "--port", "0", "--cert-dir", dir.toString());
    String ready = server.takeLine(WAIT);
    server.stop();

    assertThat(ready).matches("listening http 127\\.0\\.0\\.1:(\\d+) transport=\\S+ tls=on ca="
        + Pattern.quote(dir.toRealPath().resolve("ca.pem").toString()) + " url=https://127\\.0\\.0\\.1:\\d+/");
    assertThat(Files.exists(dir.resolve("server.pem"))).as("server certificate made").isTrue();
    assertThat(server.awaitExit(WAIT)).isZero();
  }

  @Test
  void httpServerWithoutTlsRefusesTlsOptionsAsUsageErrors() {
    assertThat(CliHarness.run("http-server", "--cert-dir", dir.toString()))
        .exitedWith(2).hasErr("nettool: --cert-dir: needs --tls\n");
  }

  @Test
  void httpsServerTakesCertAndKeyOnlyTogether() {
    assertThat(CliHarness.run("https-server", "--cert", dir.resolve("server.pem").toString()))
        .exitedWith(2).hasErr("nettool: --cert: --cert and --key go together\n");
  }
}
