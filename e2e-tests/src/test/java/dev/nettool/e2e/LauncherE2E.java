package dev.nettool.e2e;

import static dev.nettool.e2e.TcpEchoE2E.READY;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code scripts/nettool}, the launcher the README starts with: it makes the class-data-sharing
 * archives beside the jar on first use (the shared one, and a one-shot client's own) and the client
 * then maps its classes from its archive and parses its plain command line without building
 * picocli's model, against a socat echo server. Servers get the Parallel collector, unless the user
 * chose another.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class LauncherE2E {
  /** Making the archive runs a training and a dump: a few seconds, longer on a loaded machine. */
  private static final Duration FIRST_USE = Duration.ofSeconds(90);

  @RegisterExtension final Launched launched = new Launched();

  @TempDir Path dir;

  @Test
  void firstUseMakesTheArchivesAndAClientLoadsItsClassesFromItsOwn() throws Exception {
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
    Path own = jar.resolveSibling("nettool-tcp-client.jsa");
    assertThat(own).as("tcp-client's own archive, made on its first use").isRegularFile();
    assertThat(Files.readString(own.resolveSibling("nettool-tcp-client.jsa.java")).strip()).endsWith("/bin/java");
    List<String> loads = Files.readAllLines(classLog);
    for (String cls : List.of("dev.nettool.cli.Main", "dev.nettool.cli.DirectCommandLine",
        "dev.nettool.cli.CommandSnapshotText", "dev.nettool.cli.tcp.TcpClientCommand",
        "io.netty.bootstrap.Bootstrap")) {
      assertThat(loads).as("how %s was loaded", cls)
          .anyMatch(l -> l.contains(" " + cls + " source: shared objects file"));
    }
    // A plain command line never builds picocli's parser: the snapshot's direct parser took it.
    assertThat(loads).noneMatch(l -> l.contains(" picocli.CommandLine$Interpreter "));
  }

  @Test
  void serversRunOnTheParallelCollectorUnlessTheUserChoseOneAndOneShotClientsStayOnG1() throws Exception {
    Path launcher = Path.of(System.getProperty("nettool.jar")).toAbsolutePath().getParent().getParent().getParent()
        .resolve("scripts/nettool");

    assertThat(collectorOf(launcher, "", "tcp-echo", "--port", "0")).isEqualTo("Parallel");
    assertThat(collectorOf(launcher, "-XX:+UseSerialGC ", "tcp-echo", "--port", "0")).as("the user's choice")
        .isEqualTo("Serial");
    assertThat(collectorOf(launcher, "", "--version")).as("a one-shot command").isEqualTo("G1");
  }

  /** Starts the launcher with {@code -Xlog:gc} and returns the collector the JVM says it uses. */
  private String collectorOf(Path launcher, String javaOptions, String... args) throws Exception {
    Path log = Files.createTempFile(dir, "gc", ".log");
    List<String> cmd = new ArrayList<>(List.of("env",
        "NETTOOL_JAVA_OPTS=" + javaOptions + "-Xlog:gc:file=" + log, launcher.toString()));
    cmd.addAll(List.of(args));
    Peer peer = launched.peer(null, cmd.toArray(String[]::new));
    if (args[0].equals("--version")) {
      assertThat(peer.await(FIRST_USE).exitCode()).isZero();
    } else {
      peer.awaitStdout("^listening tcp ", FIRST_USE);
    }
    // The JVM names its collector as it starts, before any of nettool runs.
    Matcher using = Pattern.compile("Using (\\S+)").matcher(Files.readString(log));
    assertThat(using.find()).as("gc log: %s", Files.readString(log)).isTrue();
    return using.group(1);
  }
}
