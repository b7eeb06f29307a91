package dev.nettool.clients.udp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nettool.protocols.ExitCode;
import dev.nettool.protocols.NettoolException;
import dev.nettool.protocols.address.Endpoint;
import java.io.IOException;
import java.net.PortUnreachableException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class UdpClientRunTest {
  private final UdpClientRun run = new UdpClientRun(new Endpoint.Inet("127.0.0.1", 9));

  @Test
  void anIcmpPortUnreachableMeansExitThree() {
    NettoolException e = run.describe(new PortUnreachableException());
    assertThat(e.exitCode()).isEqualTo(ExitCode.CONNECT);
    assertThat(e.getMessage()).isEqualTo("cannot reach 127.0.0.1:9: port unreachable");
  }

  @Test
  void aRefusedSendIsThePortUnreachableToo() {
    NettoolException e = run.describe(new IOException("sendmsg(..) failed: Connection refused"));
    assertThat(e.exitCode()).isEqualTo(ExitCode.CONNECT);
  }

  @Test
  void anyOtherFailureMeansExitOne() {
    NettoolException e = run.describe(new IOException("Message too long"));
    assertThat(e.exitCode()).isEqualTo(ExitCode.FAILURE);
    assertThat(e.getMessage()).isEqualTo("udp 127.0.0.1:9: Message too long");
  }

  @Test
  void theFirstEndWins() {
    run.end(0);
    run.fail(new PortUnreachableException());
    assertThat(run.outcome()).isCompletedWithValue(0);
  }
}
