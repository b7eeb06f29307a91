package dev.nettool.e2e;

import static dev.nettool.e2e.TcpEchoE2E.READY;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code scripts/nettool}, the launcher the README starts with: it makes the class-data-sharing
 * archive beside the jar on first use and a one-shot client then maps its classes, picocli's
 * included, from that archive, against a socat echo server.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class LauncherE2E {
  /** Making the archive runs a training and a dump: a few seconds, longer on a loaded machine. */
  private static final Duration FIRST_USE = Duration.ofSeconds(90);

  @RegisterExtension final Launched launched = new Launched();

  @TempDir Path dir;

  @Test
  void firstUseMakesTheArchiveAndAClientLoadsPicocliAndItsOwnClassesFromIt() throws Exception {
    Path jar = Path.of(System.getProperty("nettool.jar")).toAbsolutePath();
    Path root = jar.getParent().getParent().getParent();
    Path launcher = root.resolve("scripts/nettool");
    Path archive = jar.resolveSibling("nettool.jsa");

    Peer.PeerResult version = launched.peer(null, launcher.toString(), "--version").await(FIRST_USE);
    assertThat(version.exitCode()).as(version.stderr()).isZero();
    assertThat(version.stdout().text()).startsWith("nettool ");
    assertThat(archive).as("archive made by the launcher").isRegularFile();
    assertThat(Files.getLastModifiedTime(archive)).isGreaterThanOrEqualTo(Files.getLastModifiedTime(jar));
    assertThat(Files.readString(archive.resolveSibling("nettool.jsa.java")).strip()).endsWith("/bin/java");

    Peer socat = launched.peer(null, "socat", "-d", "-d", "TCP-LISTEN:0,bind=127.0.0.1,reuseaddr,fork", "PIPE");
    String port = socat.awaitStderr("listening on .*:(\\d+)\\s*$", READY).group(1);
    Path classLog = dir.resolve("classes.log");
    Peer client = launched.peer(null, "env", "NETTOOL_JAVA_OPTS=-Xlog:class+load:file=" + classLog,
        launcher.toString(), "tcp-client", "127.0.0.1:" + port, "--data", "x", "--expect", "x");
    Peer.PeerResult run = client.await(FIRST_USE);

    assertThat(run.exitCode()).as(run.stderr()).isZero();
    assertThat(run.stdout().text()).isEqualTo("x");
    List<String> loads = Files.readAllLines(classLog);
    for (String cls : List.of("picocli.CommandLine", "picocli.CommandLine$Model$OptionSpec",
        "dev.nettool.cli.Main", "dev.nettool.cli.tcp.TcpClientCommand", "io.netty.bootstrap.Bootstrap")) {
      assertThat(loads).as("how %s was loaded", cls)
          .anyMatch(l -> l.contains(" " + cls + " source: shared objects file"));
    }
  }
}
