package dev.nettool.servers.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nettool.protocols.testing.NettyLeakCheck;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** Prior-knowledge detection on an embedded channel: which way it switches, and that every byte is handed on. */
@Timeout(10)
@ExtendWith(NettyLeakCheck.class)
class Http2PrefaceDetectorTest {
  private static final String PREFACE = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n";

  private final List<ChannelPipeline> switched = new ArrayList<>();
  private final EmbeddedChannel ch = new EmbeddedChannel(new Http2PrefaceDetector(switched::add));

  @AfterEach
  void nothingLeftOver() {
    ch.finishAndReleaseAll();
  }

  @Test
  void leavesAnHttp11RequestToHttp11AtItsFirstByte() {
    ch.writeInbound(ascii("GET / HTTP/1.1\r\n"));

    assertThat(switched).as("switched to HTTP/2").isEmpty();
    assertThat(ch.pipeline().get(Http2PrefaceDetector.class)).as("the detector left").isNull();
    assertThat(readAll()).isEqualTo("GET / HTTP/1.1\r\n");
  }

  @Test
  void waitsForTheWholePrefaceSentInPiecesThenSwitchesOnceAndHandsOnEveryByte() {
    ch.writeInbound(ascii(PREFACE.substring(0, 7)));
    assertThat(switched).isEmpty();
    assertThat((Object) ch.readInbound()).as("nothing handed on before the preface is known").isNull();

    ch.writeInbound(ascii(PREFACE.substring(7) + "frames"));

    assertThat(switched).hasSize(1);
    assertThat(ch.pipeline().get(Http2PrefaceDetector.class)).isNull();
    assertThat(readAll()).isEqualTo(PREFACE + "frames");
  }

  @Test
  void aRequestThatStartsLikeThePrefaceStaysHttp11() {
    ch.writeInbound(ascii("PRIX"));

    assertThat(switched).isEmpty();
    assertThat(readAll()).isEqualTo("PRIX");
  }

  private String readAll() {
    StringBuilder text = new StringBuilder();
    for (ByteBuf b = ch.readInbound(); b != null; b = ch.readInbound()) {
      text.append(b.toString(StandardCharsets.US_ASCII));
      b.release();
    }
    return text.toString();
  }

  private static ByteBuf ascii(String s) {
    return Unpooled.copiedBuffer(s, StandardCharsets.US_ASCII);
  }
}
