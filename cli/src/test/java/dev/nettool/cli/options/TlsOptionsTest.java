package dev.nettool.cli.options;

import static dev.nettool.cli.CliResultAssert.assertThat;

import dev.nettool.cli.CliHarness;
import dev.nettool.cli.CliResult;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The TLS options' usage errors: each names the option or the file at fault, exit 2. */
@Timeout(30)
class TlsOptionsTest {
  private static final String NL = System.lineSeparator();

  @TempDir Path dir;

  @ParameterizedTest
  @CsvSource({
      "tcp-echo, --cert-dir, x, --cert-dir",
      "tcp-echo, --client-auth, want, --client-auth",
      "tcp-client, --cacert, x, --cacert",
      "tcp-client, --servername, x, --servername"})
  void aTlsOptionWithoutTlsIsAUsageError(String command, String option, String value, String named) {
    String[] args = command.equals("tcp-client") ? new String[] {command, option, value, "127.0.0.1:1"}
        : new String[] {command, option, value};
    CliResult r = CliHarness.run(args);
    assertThat(r).exitedWith(2).hasErr("nettool: " + named + ": needs --tls" + NL);
  }

  @Test
  void aMissingCertificateFileIsAUsageErrorNamingIt() {
    Path missing = dir.resolve("nope.pem");
    CliResult r = CliHarness.run("tcp-echo", "--tls", "--cert", missing.toString(), "--key", missing.toString());
    assertThat(r).exitedWith(2).hasErr("nettool: cannot read certificate " + missing + ": no such file" + NL);
  }

  @Test
  void aMissingCaFileForTheClientIsAUsageErrorNamingIt() {
    Path missing = dir.resolve("ca.pem");
    CliResult r = CliHarness.run("tcp-client", "--tls", "--cacert", missing.toString(), "127.0.0.1:1");
    assertThat(r).exitedWith(2).hasErr("nettool: cannot read certificate " + missing + ": no such file" + NL);
  }

  @Test
  void certWithoutKeyIsAUsageError() {
    CliResult r = CliHarness.run("tcp-echo", "--tls", "--cert", dir.resolve("a.pem").toString());
    assertThat(r).exitedWith(2).hasErr("nettool: --cert: --cert and --key go together" + NL);
  }

  @Test
  void clientAuthOtherThanWantOrRequireIsAUsageError() {
    CliResult r = CliHarness.run("tcp-echo", "--tls", "--cert-dir", dir.toString(), "--client-ca",
        dir.resolve("ca.pem").toString(), "--client-auth", "maybe");
    assertThat(r).exitedWith(2).hasErr("nettool: --client-auth: 'maybe' is not one of want, require" + NL);
  }

  @Test
  void insecureWithCacertIsAUsageError() {
    CliResult r = CliHarness.run("tcp-client", "--tls", "--insecure", "--cacert", "ca.pem", "127.0.0.1:1");
    assertThat(r).exitedWith(2).errContains("nettool: --insecure: not with --cacert");
  }
}
