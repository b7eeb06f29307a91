package dev.nettool.clients.udp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nettool.protocols.address.Endpoint;
import dev.nettool.protocols.event.Event;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class UdpPingEventsTest {
  private static final Endpoint.Inet TARGET = new Endpoint.Inet("127.0.0.1", 7);
  private static final String NL = System.lineSeparator();

  @Test
  void aReplyReadsLikePing() {
    Event e = UdpPingEvents.reply(TARGET, 64, 3, 123_456, false);

    assertThat(e.name()).isEqualTo("reply");
    assertThat(e.text()).isEqualTo("64 bytes from 127.0.0.1:7: seq=3 time=0.123 ms");
    assertThat(e.fields()).containsEntry("seq", 3).containsEntry("bytes", 64).containsEntry("ms", 0.123)
        .doesNotContainKey("duplicate");
  }

  @Test
  void aSecondAnswerIsMarkedDuplicate() {
    assertThat(UdpPingEvents.reply(TARGET, 64, 3, 2_000_000, true).text())
        .isEqualTo("64 bytes from 127.0.0.1:7: seq=3 time=2.000 ms (DUP!)");
  }

  @Test
  void theSummaryCountsLossAndRoundTripTimes() {
    UdpPingStats s = new UdpPingStats();
    s.sent();
    s.sent();
    s.sent();
    s.replied(1, 1_000_000);
    s.replied(3, 3_000_000);

    Event e = UdpPingEvents.summary(TARGET, s);

    assertThat(e.name()).isEqualTo("ping");
    assertThat(e.text()).isEqualTo("--- 127.0.0.1:7 ping statistics ---" + NL
        + "3 packets transmitted, 2 received, 33.3% packet loss" + NL
        + "rtt min/avg/max/p99 = 1.000/2.000/3.000/3.000 ms");
    assertThat(e.fields()).containsEntry("transmitted", 3).containsEntry("received", 2)
        .containsEntry("loss", 33.333).containsEntry("minMs", 1.0).containsEntry("p99Ms", 3.0);
  }

  @Test
  void noReplyAtAllLeavesOutTheRttLine() {
    UdpPingStats s = new UdpPingStats();
    s.sent();

    assertThat(UdpPingEvents.summary(TARGET, s).text()).isEqualTo("--- 127.0.0.1:7 ping statistics ---" + NL
        + "1 packets transmitted, 0 received, 100% packet loss");
  }

  @Test
  void duplicatesAreCountedApart() {
    UdpPingStats s = new UdpPingStats();
    s.sent();
    assertThat(s.replied(1, 1_000)).isTrue();
    assertThat(s.replied(1, 2_000)).isFalse();

    assertThat(UdpPingEvents.summary(TARGET, s).text())
        .contains("1 packets transmitted, 1 received, +1 duplicates, 0% packet loss");
  }
}
