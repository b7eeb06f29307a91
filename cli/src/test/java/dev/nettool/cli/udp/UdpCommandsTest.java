package dev.nettool.cli.udp;

import static dev.nettool.cli.CliResultAssert.assertThat;

import dev.nettool.cli.CliHarness;
import dev.nettool.cli.CliResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Usage errors of the UDP commands: each is caught before any socket is opened, and exits 2. */
@Timeout(30)
class UdpCommandsTest {
  private static CliResult cli(String... args) {
    return CliHarness.run(args);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      udp-server --join 10.0.0.1                  | nettool: --join: '10.0.0.1' is not a multicast group address (224.0.0.0/4 or ff00::/8)
      udp-server --join 239.1.1.1 --join ff02::1  | nettool: --join: groups must all be IPv4 or all be IPv6
      udp-server --join group.example             | nettool: --join: 'group.example' is not a multicast group address (224.0.0.0/4 or ff00::/8)
      udp-server --interface lo                   | nettool: --interface: only applies with --join GROUP
      udp-echo --unix /tmp/nettool-udp.sock       | nettool: --unix: UDP has no Unix domain socket mode here; use --host/--port
      udp-echo --count -1                         | nettool: --count: -1 is negative
      udp-client 127.0.0.1:7 --ping 0             | nettool: --ping: 0 is not a positive number of probes
      udp-client 127.0.0.1:7 --ping 1 --size 8    | nettool: --size: 8 is out of range 16-65507
      udp-client 127.0.0.1:7 --ping 1 --size 64KB | nettool: --size: 65536 is out of range 16-65507
      udp-client 127.0.0.1:7 --interval 10ms      | nettool: --interval: only applies with --ping N
      udp-client 127.0.0.1:7 --ping 2 --data x    | nettool: --ping: sends its own probes: drop --data and --expect
      udp-client 127.0.0.1:7 --ping 2 --expect x  | nettool: --ping: sends its own probes: drop --data and --expect
      udp-client unix:/tmp/nettool-udp.sock       | nettool: TARGET: UDP needs HOST:PORT, not unix:/tmp/nettool-udp.sock
      """)
  void rejectsWithOneLineAndExitTwo(String commandLine, String line) {
    assertThat(cli(commandLine.split(" "))).exitedWith(2).hasOut("").hasErr(line + System.lineSeparator());
  }

  @Test
  void aBadModeIsAUsageErrorNamingTheModes() {
    assertThat(cli("udp-server", "--mode", "bogus")).exitedWith(2)
        .errContains("nettool: usage: Invalid value for option '--mode': 'bogus' is not one of log, echo, discard")
        .errContains("Try 'nettool udp-server --help'");
  }

  @Test
  void aTargetWithoutPortIsAUsageError() {
    assertThat(cli("udp-client", "127.0.0.1")).exitedWith(2)
        .errContains("'127.0.0.1' has no port (expected HOST:PORT)");
  }

  @Test
  void aDatagramTooLargeForUdpIsAUsageError() {
    assertThat(cli("udp-client", "127.0.0.1:7", "--data", "x".repeat(65_508))).exitedWith(2)
        .hasErr("nettool: --data: a datagram holds at most 65507 bytes" + System.lineSeparator());
  }

  @Test
  void helpListsTheOptions() {
    assertThat(cli("udp-client", "--help")).exitedWith(0).outContains("--ping=N").outContains("--wait=DURATION")
        .outContains("Exit codes:");
    assertThat(cli("udp-server", "--help")).exitedWith(0).outContains("--join=GROUP").outContains("--mode=MODE");
    assertThat(cli("udp-echo", "--help")).exitedWith(0).outContains("--count=N");
  }
}
