package dev.nettool.cli.tcp;

import static dev.nettool.cli.CliResultAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.nettool.cli.CliHarness;
import dev.nettool.cli.CliResult;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code tcp-echo} and {@code tcp-server} through the same factory as Main: exact output and exit codes. */
@Timeout(30)
class TcpServerCommandTest {
  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final Pattern READY =
      Pattern.compile("listening tcp 127\\.0\\.0\\.1:(\\d+) transport=(epoll|io_uring|nio) mode=echo nodelay=off");

  @Test
  void printsTheReadyLineWithTheRealPortThenASummaryOnStop() throws Exception {
    CliHarness.Running echo = CliHarness.start("tcp-echo", "--port", "0");
    String ready = echo.takeLine(WAIT);
    Matcher m = READY.matcher(ready);
    assertThat(m.matches()).as(ready).isTrue();
    int port = Integer.parseInt(m.group(1));
    assertThat(port).isPositive();
    try (Socket s = new Socket("127.0.0.1", port)) {
      OutputStream out = s.getOutputStream();
      out.write("hello".getBytes(StandardCharsets.US_ASCII));
      s.shutdownOutput();
      InputStream in = s.getInputStream();
      assertThat(new String(in.readAllBytes(), StandardCharsets.US_ASCII)).isEqualTo("hello");
    }
    assertThat(echo.takeLine(WAIT)).matches("connection #1 from 127\\.0\\.0\\.1:\\d+ nodelay=off");
    assertThat(echo.takeLine(WAIT)).isEqualTo("end #1");
    assertThat(echo.takeLine(WAIT)).matches("close #1 in=5 out=5 .*");
    echo.stop();
    assertThat(echo.awaitExit(WAIT)).isZero();
    assertThat(echo.takeLine(WAIT)).matches("summary tcp 1 connections in=5 out=5 .*");
  }

  @Test
  void jsonReadyLineCarriesTheAddressFields() throws Exception {
    CliHarness.Running echo = CliHarness.start("tcp-echo", "--json", "--no-delay");
    String ready = echo.takeLine(WAIT);
    assertThat(ready).startsWith("{\"event\":\"listening\",\"ts\":\"")
        .contains("\"proto\":\"tcp\",\"host\":\"127.0.0.1\",\"port\":")
        .contains("\"mode\":\"echo\",\"nodelay\":\"on\"");
    echo.stop();
    assertThat(echo.awaitExit(WAIT)).isZero();
    assertThat(echo.takeLine(WAIT)).startsWith("{\"event\":\"summary\"");
  }

  @Test
  void countExitsZeroAfterThatManyConnections() throws Exception {
    CliHarness.Running echo = CliHarness.start("tcp-echo", "--count", "1", "-q");
    Matcher m = READY.matcher(echo.takeLine(WAIT));
    assertThat(m.matches()).isTrue();
    try (Socket s = new Socket("127.0.0.1", Integer.parseInt(m.group(1)))) {
      s.shutdownOutput();
      assertThat(s.getInputStream().read()).isEqualTo(-1);
    }
    assertThat(echo.awaitExit(WAIT)).isZero();
    assertThat(echo.stdout()).as("-q keeps only the ready line").hasLineCount(1);
  }

  @Test
  void maxTimeBeforeCountExits124() throws Exception {
    CliHarness.Running echo = CliHarness.start("tcp-echo", "--count", "1", "--max-time", "200ms", "-q");
    echo.takeLine(WAIT);
    assertThat(echo.awaitExit(WAIT)).isEqualTo(124);
    assertThat(echo.stderr()).isEqualTo(
        "nettool: timed out: --max-time 200ms ran out before --count 1 was reached" + System.lineSeparator());
  }

  @Test
  void writesReadyAndPidFiles(@TempDir Path dir) throws Exception {
    Path ready = dir.resolve("ready");
    Path pid = dir.resolve("pid");
    CliHarness.Running echo = CliHarness.start(InputStream.nullInputStream(), Map.of(),
        "tcp-echo", "--ready-file", ready.toString(), "--pid-file", pid.toString(), "-q");
    Matcher m = READY.matcher(echo.takeLine(WAIT));
    assertThat(m.matches()).isTrue();
    assertThat(Files.readString(ready)).isEqualTo("127.0.0.1:" + m.group(1) + "\n");
    assertThat(Files.readString(pid)).isEqualTo(ProcessHandle.current().pid() + "\n");
    echo.stop();
    assertThat(echo.awaitExit(WAIT)).isZero();
  }

  @Test
  void aBadPortIsAUsageErrorNamingTheOption() {
    CliResult r = CliHarness.run("tcp-echo", "--port", "70000");
    assertThat(r).exitedWith(2).hasOut("").hasErr(
        "nettool: usage: Invalid value for option '--port': '70000' is out of range 0-65535"
            + System.lineSeparator() + "Try 'nettool tcp-echo --help' for more information." + System.lineSeparator());
  }

  @Test
  void aBadDurationIsAUsageErrorNamingTheOption() {
    CliResult r = CliHarness.run("tcp-echo", "--idle-timeout", "soon");
    assertThat(r).exitedWith(2)
        .errContains("nettool: usage: Invalid value for option '--idle-timeout': 'soon' is not a duration");
  }

  @Test
  void replyModeWithoutTextIsAUsageError() {
    CliResult r = CliHarness.run("tcp-server", "--mode", "reply");
    assertThat(r).exitedWith(2).hasErr("nettool: --mode: --mode reply needs --reply TEXT" + System.lineSeparator());
  }

  @Test
  void anAddressInUseExitsSix() throws Exception {
    try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      CliResult r = CliHarness.run("tcp-echo", "--port", String.valueOf(taken.getLocalPort()));
      assertThat(r).exitedWith(6).errContains("nettool: cannot listen on 127.0.0.1:" + taken.getLocalPort() + ": ");
      assertThat(r.err()).hasLineCount(1);
    }
  }

  @Test
  void helpListsTheExitCodes() {
    CliResult r = CliHarness.run("tcp-echo", "--help");
    assertThat(r).exitedWith(0).outContains("Exit codes:").outContains("124   timed out");
  }

  @Test
  void versionNamesNettyAndTheTransports() {
    CliResult r = CliHarness.run("--version");
    assertThat(r).exitedWith(0).outContains("netty 4.2.18.Final").outContains("transports: epoll=")
        .outContains("tls engine: openssl (BoringSSL), jdk for raw TLS streams");
  }
}
