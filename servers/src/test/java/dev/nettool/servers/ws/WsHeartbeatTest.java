package dev.nettool.servers.ws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nettool.protocols.event.Verbosity;
import dev.nettool.protocols.server.Connections;
import dev.nettool.protocols.testing.RecordingEventSink;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class WsHeartbeatTest {
  private final RecordingEventSink sink = new RecordingEventSink(Verbosity.NORMAL, false);

  private EmbeddedChannel channel() {
    EmbeddedChannel ch = new EmbeddedChannel();
    ch.freezeTime(); // only advanceTimeBy moves the clock, however loaded the machine
    ch.attr(Connections.ID).set(7L);
    ch.pipeline().addLast(new WsHeartbeat(Duration.ofSeconds(5), sink));
    return ch;
  }

  @Test
  void pingsEveryIntervalAndStaysOpenWhileThePeerAnswers() {
    EmbeddedChannel ch = channel();
    for (int i = 0; i < 3; i++) {
      ch.advanceTimeBy(5, TimeUnit.SECONDS);
      ch.runScheduledPendingTasks();
      PingWebSocketFrame ping = ch.readOutbound();
      assertThat(ping).as("ping %d", i).isNotNull();
      ping.release();
      ch.writeInbound(new PongWebSocketFrame());
      ((PongWebSocketFrame) ch.readInbound()).release();
    }
    assertThat(ch.isOpen()).isTrue();
    assertThat(sink.drain()).isEmpty();
    ch.finishAndReleaseAll();
  }

  @Test
  void closesAPeerThatDidNotAnswerByTheNextPingWithATimeoutEvent() throws Exception {
    EmbeddedChannel ch = channel();
    ch.advanceTimeBy(5, TimeUnit.SECONDS);
    ch.runScheduledPendingTasks();
    ((PingWebSocketFrame) ch.readOutbound()).release();

    ch.advanceTimeBy(5, TimeUnit.SECONDS);
    ch.runScheduledPendingTasks();

    assertThat(ch.isOpen()).isFalse();
    assertThat(sink.take("timeout", Duration.ofSeconds(1)).text()).isEqualTo("timeout #7 pong 5.00s");
    assertThat((Object) ch.readOutbound()).as("no second ping").isNull();
    ch.finishAndReleaseAll();
  }
}
