package dev.nettool.clients.wait;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** How connect errors of each transport are shortened for the {@code wait} event. */
@Timeout(10)
class WaitForProbeTest {
  private static final SocketAddress LOCAL = new InetSocketAddress("127.0.0.1", 9);

  @Test
  void dropsTheNativePrefixOfEpollAndIoUring() {
    assertThat(WaitForProbe.shorten("finishConnect(..) failed with error(-111): Connection refused", LOCAL))
        .isEqualTo("connection refused");
    assertThat(WaitForProbe.shorten("io_uring connect(..) failed with error(-111): Connection refused", LOCAL))
        .isEqualTo("connection refused");
    assertThat(WaitForProbe.shorten("connect(..) failed: No such file or directory", LOCAL))
        .isEqualTo("no such file or directory");
  }

  @Test
  void dropsTheAddressNettyAppends() {
    assertThat(WaitForProbe.shorten("Connection refused: /127.0.0.1:9", LOCAL)).isEqualTo("connection refused");
    SocketAddress unix = UnixDomainSocketAddress.of("/tmp/s.sock");
    assertThat(WaitForProbe.shorten("No such file or directory: /tmp/s.sock", unix))
        .isEqualTo("no such file or directory");
  }

  @Test
  void keepsAMessageItDoesNotKnow() {
    assertThat(WaitForProbe.shorten("Network is unreachable", LOCAL)).isEqualTo("network is unreachable");
  }
}
