package dev.nettool.cli.cert;

import static dev.nettool.cli.CliResultAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.nettool.cli.CliHarness;
import dev.nettool.cli.CliResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code nettool cert}: what it writes and prints, and the command lines it refuses. */
@Timeout(60)
class CertCommandTest {
  private static final String FP = "([0-9A-F]{2}:){31}[0-9A-F]{2}";
  private static final String TIME = "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ";

  @TempDir Path tmp;

  @Test
  void writesTheFilesAndPrintsOneLinePerFile() throws IOException {
    Path dir = tmp.resolve("out");

    CliResult r = CliHarness.run("cert", "--out", dir.toString(), "--client", "alice");

    assertThat(r).exitedWith(0).hasErr("");
    List<String> lines = r.out().lines().toList();
    assertThat(lines).hasSize(7);
    assertThat(lines.get(0)).matches("ca created " + dir + "/ca\\.pem subject=\"CN=nettool local CA [0-9a-f]{8},"
        + "O=nettool\" until=" + TIME + " sha256=" + FP);
    assertThat(lines.get(1)).startsWith("wrote " + dir + "/ca.pem ca certificate ");
    assertThat(lines.get(2)).isEqualTo("wrote " + dir + "/ca-key.pem ca key type=ec mode=0600");
    assertThat(lines.get(3)).matches("wrote " + dir + "/server\\.pem server certificate subject=\"CN=localhost\" "
        + "san=DNS:localhost,IP:127\\.0\\.0\\.1,IP:::1 until=" + TIME + " chain=2");
    assertThat(lines.get(4)).isEqualTo("wrote " + dir + "/server-key.pem server key type=ec mode=0600");
    assertThat(lines.get(5)).matches("wrote " + dir + "/alice\\.pem client certificate subject=\"CN=alice\" until="
        + TIME + " chain=2");
    assertThat(lines.get(6)).isEqualTo("wrote " + dir + "/alice-key.pem client key type=ec mode=0600");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("alice-key.pem"))))
        .isEqualTo("rw-------");
  }

  @Test
  void namesTheServerAfterTheFirstNameAndAddsSans() {
    Path dir = tmp.resolve("out");

    CliResult r = CliHarness.run("cert", "--out", dir.toString(), "--name", "api.test", "--name", "10.0.0.2",
        "--san", "DNS:alt.test,IP:::1", "--san", "api.test", "--key-type", "rsa2048", "--days", "2");

    assertThat(r).exitedWith(0)
        .outContains("server certificate subject=\"CN=api.test\" san=DNS:api.test,IP:10.0.0.2,DNS:alt.test,IP:::1 ")
        .outContains("server key type=rsa2048 mode=0600");
  }

  @Test
  void signsWithTheCaItFindsOnASecondRun() {
    Path dir = tmp.resolve("out");
    CliResult first = CliHarness.run("cert", "--out", dir.toString());

    CliResult second = CliHarness.run("cert", "--out", dir.toString(), "--json");

    assertThat(first).exitedWith(0);
    assertThat(second).exitedWith(0).hasErr("")
        .outContains("{\"event\":\"ca\",")
        .outContains("\"source\":\"existing\",\"path\":\"" + dir.resolve("ca.pem") + "\"")
        .outContains("\"kind\":\"certificate\",\"role\":\"server\"");
    assertThat(second.out()).as("no CA files rewritten").doesNotContain("ca-key.pem").doesNotContain("\"role\":\"ca\"");
    assertThat(fingerprint(first)).isEqualTo(fingerprint(second));
  }

  @Test
  void signsWithAGivenCa() {
    Path ca = tmp.resolve("ca");
    assertThat(CliHarness.run("cert", "--out", ca.toString(), "--key-type", "rsa2048")).exitedWith(0);
    Path dir = tmp.resolve("out");

    CliResult r = CliHarness.run("cert", "--out", dir.toString(), "--ca-cert", ca.resolve("ca.pem").toString(),
        "--ca-key", ca.resolve("ca-key.pem").toString());

    assertThat(r).exitedWith(0).outContains("ca given " + ca.resolve("ca.pem") + " ");
    assertThat(dir.resolve("ca.pem")).doesNotExist();
    assertThat(dir.resolve("server.pem")).exists();
  }

  @Test
  void isQuietBesidesTheCaLineWithQ() {
    CliResult r = CliHarness.run("cert", "--out", tmp.resolve("out").toString(), "-q");

    assertThat(r).exitedWith(0);
    assertThat(r.out().lines()).singleElement().asString().startsWith("ca created ");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "--san,IP:300.1.1.1 | Invalid value for option '--san': 'IP:300.1.1.1' is not an IP address",
      "--name,bad..host | Invalid value for option '--name': 'bad..host' is not a DNS name: it has an empty label",
      "--san,URI:x | Invalid value for option '--san': 'URI:x' has an unknown type URI: (DNS: or IP: expected)",
      "--client,a/b | Invalid value for option '--client': 'a/b' is not a client name",
      "--client,ca | Invalid value for option '--client': client 'ca' would write a file named like another one",
      "--days,-1 | Invalid value for option '--days': -1 is not from 0 to 36500",
      "--key-type,dsa | Invalid value for option '--key-type': 'dsa' is not a key type (ec, rsa2048)",
      "--ca-cert,ca.pem | --ca-cert and --ca-key go together: give both or neither"
  })
  void refusesBadValuesAsUsageErrors(String options, String message) {
    String[] extra = options.split(",");
    CliResult r = CliHarness.run("cert", "--out", tmp.resolve("out").toString(), extra[0], extra[1]);

    assertThat(r).exitedWith(2).errContains("nettool: usage: " + message)
        .errContains("Try 'nettool cert --help' for more information.");
    assertThat(tmp.resolve("out")).as("nothing written").doesNotExist();
  }

  @Test
  void needsAnOutputDirectory() {
    assertThat(CliHarness.run("cert")).exitedWith(2).errContains("Missing required option: '--out=DIR'");
  }

  @Test
  void namesACaKeyItCannotRead() {
    Path ca = tmp.resolve("ca");
    assertThat(CliHarness.run("cert", "--out", ca.toString())).exitedWith(0);
    Path missing = tmp.resolve("nope.pem");

    CliResult r = CliHarness.run("cert", "--out", tmp.resolve("out").toString(),
        "--ca-cert", ca.resolve("ca.pem").toString(), "--ca-key", missing.toString());

    assertThat(r).exitedWith(2).hasOut("").hasErr("nettool: cannot read key " + missing + ": no such file\n");
  }

  @Test
  void refusesACaKeyOfAnotherCertificate() {
    Path a = tmp.resolve("a");
    Path b = tmp.resolve("b");
    assertThat(CliHarness.run("cert", "--out", a.toString())).exitedWith(0);
    assertThat(CliHarness.run("cert", "--out", b.toString())).exitedWith(0);

    CliResult r = CliHarness.run("cert", "--out", tmp.resolve("out").toString(),
        "--ca-cert", a.resolve("ca.pem").toString(), "--ca-key", b.resolve("ca-key.pem").toString());

    assertThat(r).exitedWith(2)
        .hasErr("nettool: cannot sign with CA " + a.resolve("ca.pem") + ": the key does not belong to the certificate\n");
  }

  @Test
  void refusesALeafAsCa() {
    Path a = tmp.resolve("a");
    assertThat(CliHarness.run("cert", "--out", a.toString())).exitedWith(0);

    CliResult r = CliHarness.run("cert", "--out", tmp.resolve("out").toString(),
        "--ca-cert", a.resolve("server.pem").toString(), "--ca-key", a.resolve("server-key.pem").toString());

    assertThat(r).exitedWith(2).errContains("it is not a CA certificate");
  }

  private static String fingerprint(CliResult r) {
    return r.out().lines().filter(l -> l.contains("\"event\":\"ca\"") || l.startsWith("ca "))
        .map(l -> l.replaceAll(".*sha256[\"=:]+\"?(" + FP + ").*", "$1")).findFirst().orElseThrow();
  }
}
