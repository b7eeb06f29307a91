package dev.nettool.clients.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nettool.protocols.transport.Transport;
import dev.nettool.protocols.transport.TransportKind;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.HttpResponseDecoder;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** One load connection on an {@link EmbeddedChannel}: the request bytes it repeats and what it counts. */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class HttpLoadHandlerTest {
  private static final String RESPONSE = "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello";

  private HttpLoad load;
  private HttpLoadWorker worker;

  @AfterEach
  void release() {
    if (load != null) {
      load.close();
    }
  }

  @Test
  void encodesTheRequestOnceAsTheOneShotClientWouldSendIt() {
    HttpClientConfig client = HttpClientConfig.builder(new HttpRequestSpec("POST", HttpUrl.parse("http://h.test/p"),
        List.of(), new HttpRequestBody.Bytes("k=v".getBytes(StandardCharsets.UTF_8), "text/plain"))).userAgent("u")
        .build();

    ByteBuf bytes = HttpLoad.encode(client);

    assertThat(bytes.toString(StandardCharsets.US_ASCII)).isEqualTo("POST /p HTTP/1.1\r\nHost: h.test\r\n"
        + "User-Agent: u\r\nAccept: */*\r\nContent-Type: text/plain\r\nContent-Length: 3\r\n\r\nk=v");
    bytes.release();
  }

  @Test
  void sendsTheNextRequestAsSoonAsAResponseEndsUntilTheBudgetIsSpent() {
    EmbeddedChannel ch = channel(2);

    assertThat(sent(ch)).startsWith("GET /hello HTTP/1.1\r\n");
    assertThat(sent(ch)).as("nothing more before the response").isNull();
    ch.writeInbound(ascii(RESPONSE));
    assertThat(sent(ch)).as("the second request").startsWith("GET /hello");
    ch.writeInbound(ascii(RESPONSE));

    assertThat(ch.isOpen()).as("closed once the budget is spent").isFalse();
    HttpLoadStats stats = stats();
    assertThat(stats.responses).isEqualTo(2);
    assertThat(stats.statuses[200]).isEqualTo(2);
    assertThat(stats.bodyBytes).isEqualTo(10);
    assertThat(stats.latency.getTotalCount()).isEqualTo(2);
    assertThat(ch.finishAndReleaseAll()).isFalse();
  }

  @Test
  void countsAMalformedResponseAndClosesTheConnection() {
    EmbeddedChannel ch = channel(1);
    sent(ch);

    ch.writeInbound(ascii("NOT-HTTP nonsense\r\n\r\n"));

    assertThat(ch.isOpen()).isFalse();
    assertThat(stats().malformed).isEqualTo(1);
    assertThat(stats().responses).isZero();
    ch.finishAndReleaseAll();
  }

  @Test
  void countsABodyCutShortByTheServersCloseAsClosed() {
    EmbeddedChannel ch = channel(1);
    sent(ch);

    ch.writeInbound(ascii("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhe"));
    ch.close();

    assertThat(stats().closed).isEqualTo(1);
    assertThat(stats().malformed).as("counted once").isZero();
    assertThat(stats().responses).isZero();
    ch.finishAndReleaseAll();
  }

  private EmbeddedChannel channel(long requests) {
    HttpClientConfig client = HttpClientConfig.builder(HttpRequestSpec.get(HttpUrl.parse("http://h.test/hello")))
        .transport(TransportKind.NIO).build();
    load = new HttpLoad(new HttpLoadConfig(client, 1, requests, null, Duration.ofSeconds(5)));
    EmbeddedChannel ch = new EmbeddedChannel();
    worker = new HttpLoadWorker(load, Transport.select(TransportKind.NIO), ch.eventLoop(),
        InetSocketAddress.createUnresolved("h.test", 80), false);
    HttpLoadStats stats = worker.stats();
    ch.pipeline().addLast(new HttpResponseDecoder(), new HttpLoadHandler(worker, stats));
    ch.pipeline().fireChannelActive();
    return ch;
  }

  private HttpLoadStats stats() {
    return worker.stats();
  }

  private static String sent(EmbeddedChannel ch) {
    ByteBuf b = ch.readOutbound();
    if (b == null) {
      return null;
    }
    String s = b.toString(StandardCharsets.US_ASCII);
    b.release();
    return s;
  }

  private static ByteBuf ascii(String s) {
    return Unpooled.copiedBuffer(s, StandardCharsets.US_ASCII);
  }
}
