package dev.nettool.clients.udp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nettool.protocols.ExitCode;
import dev.nettool.protocols.NettoolException;
import dev.nettool.protocols.address.Endpoint;
import dev.nettool.protocols.expect.Expectation;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class UdpExpectHandlerTest {
  private final UdpClientRun run = new UdpClientRun(new Endpoint.Inet("127.0.0.1", 7));

  private static DatagramPacket reply(String text) {
    return new DatagramPacket(Unpooled.copiedBuffer(text, StandardCharsets.UTF_8),
        new InetSocketAddress("127.0.0.1", 40000), new InetSocketAddress("127.0.0.1", 7));
  }

  @Test
  void endsWithZeroAsSoonAsAReplyMeetsTheExpectation() {
    EmbeddedChannel ch = new EmbeddedChannel(new UdpExpectHandler(Expectation.literal("pong"), Duration.ofSeconds(1), run));
    ch.freezeTime(); // only advanceTimeBy moves the clock: a loaded machine must not fire the wait early

    ch.writeInbound(reply("nope"));
    assertThat(run.outcome()).isNotDone();
    ch.writeInbound(reply("a pong!"));

    assertThat(run.outcome()).isCompletedWithValue(0);
    assertThat(ch.finish()).isFalse();
  }

  @Test
  void matchesEachReplyOnItsOwn() {
    EmbeddedChannel ch = new EmbeddedChannel(new UdpExpectHandler(Expectation.literal("pong"), Duration.ofSeconds(1), run));
    ch.freezeTime(); // only advanceTimeBy moves the clock: a loaded machine must not fire the wait early

    ch.writeInbound(reply("po"));
    ch.writeInbound(reply("ng"));

    assertThat(run.outcome()).as("a match may not span two datagrams").isNotDone();
    assertThat(ch.finish()).isFalse();
  }

  @Test
  void failsWithOneWhenTheWaitRunsOutUnmet() {
    EmbeddedChannel ch = new EmbeddedChannel(new UdpExpectHandler(Expectation.literal("pong"), Duration.ofSeconds(1), run));
    ch.freezeTime(); // only advanceTimeBy moves the clock: a loaded machine must not fire the wait early

    ch.pipeline().fireUserEventTriggered(UdpExpectHandler.LAST_SENT);
    ch.advanceTimeBy(999, TimeUnit.MILLISECONDS);
    ch.runScheduledPendingTasks();
    assertThat(run.outcome()).isNotDone();
    ch.advanceTimeBy(1, TimeUnit.MILLISECONDS);
    ch.runScheduledPendingTasks();

    assertThat(run.outcome()).isCompletedExceptionally();
    NettoolException e = (NettoolException) run.outcome().handle((v, t) -> t instanceof CompletionException ? t.getCause() : t).join();
    assertThat(e.exitCode()).isEqualTo(ExitCode.FAILURE);
    assertThat(e.getMessage()).isEqualTo("expectation not met: 'pong' not received within 1s");
    assertThat(ch.finish()).isFalse();
  }

  @Test
  void endsWithZeroAfterTheWaitWithoutAnExpectation() {
    EmbeddedChannel ch = new EmbeddedChannel(new UdpExpectHandler(null, Duration.ofMillis(200), run));
    ch.freezeTime(); // only advanceTimeBy moves the clock: a loaded machine must not fire the wait early

    ch.writeInbound(reply("anything"));
    ch.pipeline().fireUserEventTriggered(UdpExpectHandler.LAST_SENT);
    ch.advanceTimeBy(200, TimeUnit.MILLISECONDS);
    ch.runScheduledPendingTasks();

    assertThat(run.outcome()).isCompletedWithValue(0);
    assertThat(ch.finish()).isFalse();
  }
}
