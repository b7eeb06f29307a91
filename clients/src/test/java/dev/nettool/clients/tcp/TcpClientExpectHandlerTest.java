package dev.nettool.clients.tcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nettool.protocols.expect.Expectation;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class TcpClientExpectHandlerTest {
  private final TcpClientState state = new TcpClientState();

  @Test
  void passesTheMatchingChunkOnThenCloses() {
    EmbeddedChannel ch = new EmbeddedChannel(new TcpClientExpectHandler(Expectation.literal("READY"), state));
    ch.writeInbound(text("status: REA"));
    assertThat(ch.isOpen()).isTrue();
    ch.writeInbound(text("DY\n"));

    assertThat(state.expectationMet).isTrue();
    assertThat(ch.isOpen()).isFalse();
    assertThat(readText(ch)).isEqualTo("status: REA");
    assertThat(readText(ch)).as("the chunk that met it still reaches the output").isEqualTo("DY\n");
    assertThat(ch.finish()).isFalse();
  }

  @Test
  void dropsWhatArrivesAfterTheMatch() {
    state.expectationMet = true; // as when more was read in the same burst as the match
    EmbeddedChannel ch = new EmbeddedChannel(new TcpClientExpectHandler(Expectation.regex("o+k"), state));
    ByteBuf late = text("more");
    ch.writeInbound(late);

    assertThat(late.refCnt()).isZero();
    assertThat(ch.inboundMessages()).isEmpty();
  }

  @Test
  void matchesACharacterSplitBetweenReads() {
    EmbeddedChannel ch = new EmbeddedChannel(new TcpClientExpectHandler(Expectation.literal("café"), state));
    byte[] bytes = "un café".getBytes(StandardCharsets.UTF_8);
    ch.writeInbound(Unpooled.wrappedBuffer(bytes, 0, bytes.length - 1));
    assertThat(state.expectationMet).isFalse();
    ch.writeInbound(Unpooled.wrappedBuffer(bytes, bytes.length - 1, 1));

    assertThat(state.expectationMet).isTrue();
    ((ByteBuf) ch.readInbound()).release();
    ((ByteBuf) ch.readInbound()).release();
  }

  @Test
  void leavesTheConnectionOpenWhileNothingMatches() {
    EmbeddedChannel ch = new EmbeddedChannel(new TcpClientExpectHandler(Expectation.literal("READY"), state));
    ch.writeInbound(text("not yet"));

    assertThat(ch.isOpen()).isTrue();
    assertThat(state.expectationMet).isFalse();
    assertThat(readText(ch)).isEqualTo("not yet");
    assertThat(ch.finish()).isFalse();
  }

  private static ByteBuf text(String s) {
    return Unpooled.copiedBuffer(s, StandardCharsets.UTF_8);
  }

  private static String readText(EmbeddedChannel ch) {
    ByteBuf buf = ch.readInbound();
    try {
      return buf.toString(StandardCharsets.UTF_8);
    } finally {
      buf.release();
    }
  }
}
