package dev.nettool.clients.wait;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nettool.clients.http.HttpUrl;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.HttpClientCodec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The GET an HTTP target is asked, and the one answer it gives back. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class WaitForHttpCheckTest {
  private final List<String> answers = new ArrayList<>();

  @Test
  void sendsOneGetAndAnswersWithTheStatus() {
    EmbeddedChannel ch = channel();

    ByteBuf sent = ch.readOutbound();
    assertThat(sent.toString(StandardCharsets.US_ASCII)).isEqualTo("GET /health?deep=1 HTTP/1.1\r\n"
        + "Host: 127.0.0.1:8080\r\nUser-Agent: nettool wait-for\r\nAccept: */*\r\nConnection: close\r\n\r\n");
    sent.release();
    ch.writeInbound(Unpooled.copiedBuffer("HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\n\r\n",
        StandardCharsets.US_ASCII));

    assertThat(answers).containsExactly("503 null");
    assertThat(ch.isOpen()).isFalse();
    assertThat(ch.finishAndReleaseAll()).isFalse();
  }

  @Test
  void answersWhyWhenTheConnectionClosesWithoutAResponse() {
    EmbeddedChannel ch = channel();
    ch.<ByteBuf>readOutbound().release();

    ch.close();

    assertThat(answers).containsExactly("0 connection closed without a response");
    ch.finishAndReleaseAll();
  }

  @Test
  void answersWhyWhenTheResponseIsMalformed() {
    EmbeddedChannel ch = channel();
    ch.<ByteBuf>readOutbound().release();

    ch.writeInbound(Unpooled.copiedBuffer("NOT HTTP AT ALL\r\n\r\n", StandardCharsets.US_ASCII));

    assertThat(answers).singleElement().asString().startsWith("0 malformed response: ");
    ch.finishAndReleaseAll();
  }

  private EmbeddedChannel channel() {
    return new EmbeddedChannel(new HttpClientCodec(), new WaitForHttpCheck(
        HttpUrl.parse("http://127.0.0.1:8080/health?deep=1"), Duration.ofSeconds(2),
        (status, failure) -> answers.add(status + " " + failure)));
  }
}
