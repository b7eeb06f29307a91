package dev.nettool.clients.tcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nettool.protocols.testing.RecordingEventSink;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.IOException;
import java.net.SocketException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class TcpClientErrorReporterTest {
  private final RecordingEventSink events = new RecordingEventSink();
  private final TcpClientState state = new TcpClientState();

  @Test
  void recordsTheFirstErrorReportsItAndCloses() {
    EmbeddedChannel ch = new EmbeddedChannel(new TcpClientErrorReporter(events, state));
    ch.pipeline().fireExceptionCaught(
        new IOException("epoll read(..) failed with error(-104): Connection reset by peer"));
    ch.pipeline().fireExceptionCaught(new IOException("a consequence"));

    assertThat(state.error).isEqualTo("Connection reset by peer");
    assertThat(events.drain()).extracting(e -> e.text())
        .containsExactly("error #1 connection: Connection reset by peer");
    assertThat(ch.isOpen()).isFalse();
  }

  @Test
  void ignoresErrorsOnceThePeerHasFinished() {
    state.peerEnded = true;
    EmbeddedChannel ch = new EmbeddedChannel(new TcpClientErrorReporter(events, state));
    ch.pipeline().fireExceptionCaught(new SocketException("Connection reset"));

    assertThat(state.error).isNull();
    assertThat(events.drain()).isEmpty();
    assertThat(ch.isOpen()).isFalse();
  }

  @Test
  void ignoresErrorsOnceTheExpectationIsMet() {
    state.expectationMet = true;
    EmbeddedChannel ch = new EmbeddedChannel(new TcpClientErrorReporter(events, state));
    ch.pipeline().fireExceptionCaught(new SocketException("Broken pipe"));

    assertThat(state.error).isNull();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "sendAddress(..) failed with error(-104): Connection reset by peer | Connection reset by peer",
      "io_uring read(..) failed with error(-104): Connection reset by peer | Connection reset by peer",
      "finishConnect(..) failed with error(-111): Connection refused | Connection refused",
      "connect(..) failed: Connection refused | Connection refused",
      "Connection reset | Connection reset by peer",
      "Broken pipe | Broken pipe"})
  void describesErrorsTheWayTheSystemSaysThem(String message, String described) {
    assertThat(TcpClientErrorReporter.describe(new IOException(message))).isEqualTo(described);
  }

  @Test
  void namesAnErrorWithoutAMessageByItsType() {
    assertThat(TcpClientErrorReporter.describe(new IOException())).isEqualTo("IOException");
  }
}
