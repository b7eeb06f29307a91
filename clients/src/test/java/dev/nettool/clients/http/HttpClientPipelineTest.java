package dev.nettool.clients.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nettool.clients.tcp.TcpClientOutput;
import dev.nettool.clients.tcp.TcpClientOutputPump;
import dev.nettool.protocols.ExitCode;
import dev.nettool.protocols.NettoolException;
import dev.nettool.protocols.testing.RecordingEventSink;
import dev.nettool.protocols.transport.Transport;
import dev.nettool.protocols.transport.TransportKind;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.AbstractMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The whole client pipeline on an {@link EmbeddedChannel}: the request as sent, the response as received. */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class HttpClientPipelineTest {
  private static final HttpUrl URL = HttpUrl.parse("http://h.test:8080/get?a=1");

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final RecordingEventSink events = new RecordingEventSink();
  private TcpClientOutputPump pump;
  private HttpClientExchange exchange;
  private EmbeddedChannel ch;

  @TempDir Path dir;

  @AfterEach
  void nothingLeftOver() {
    if (ch != null) {
      ch.finishAndReleaseAll();
    }
  }

  @Test
  void sendsCurlsHeadersAndStreamsAContentLengthBodyToTheOutput() throws Exception {
    HttpClientConfig config = HttpClientConfig.builder(HttpRequestSpec.get(URL)).userAgent("nettool/t").build();
    open(config);

    assertThat(sent(config)).isEqualTo("GET /get?a=1 HTTP/1.1\r\nHost: h.test:8080\r\nUser-Agent: nettool/t\r\n"
        + "Accept: */*\r\n\r\n");
    ch.writeInbound(ascii("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhel"));
    assertThat(exchange.isDone()).as("done before the whole body came").isFalse();
    ch.writeInbound(ascii("lo"));

    HttpClientExchange done = exchange.done().get(5, TimeUnit.SECONDS);
    assertThat(done.status).isEqualTo(200);
    assertThat(output()).isEqualTo("hello");
  }

  @Test
  void writesEachHeadBeforeTheBodyWithIncludeAndReassemblesAChunkedBody() throws Exception {
    HttpClientConfig config = HttpClientConfig.builder(HttpRequestSpec.get(URL)).includeHead(true).build();
    open(config);
    sent(config);

    ch.writeInbound(ascii("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n2\r\nde\r\n0\r\n\r\n"));

    exchange.done().get(5, TimeUnit.SECONDS);
    assertThat(output()).isEqualTo("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nabcde");
  }

  @Test
  void skipsA100ContinueAndReadsTheResponseAfterIt() throws Exception {
    HttpClientConfig config = HttpClientConfig.builder(HttpRequestSpec.get(URL)).build();
    open(config);
    sent(config);

    ch.writeInbound(ascii("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 201 Created\r\nContent-Length: 2\r\n\r\nok"));

    assertThat(exchange.done().get(5, TimeUnit.SECONDS).status).isEqualTo(201);
    assertThat(output()).isEqualTo("ok");
  }

  @Test
  void keepsTheBodyForTheResultWhenAggregatingAndFailsPastTheLimit() throws Exception {
    HttpClientConfig config = HttpClientConfig.builder(HttpRequestSpec.get(URL)).aggregate(true).maxBody(4).build();
    open(config);
    sent(config);

    ch.writeInbound(ascii("HTTP/1.1 200 OK\r\nContent-Length: 6\r\n\r\n123456"));

    assertThat(failure()).satisfies(e -> {
      assertThat(e.exitCode()).isEqualTo(ExitCode.FAILURE);
      assertThat(e.getMessage()).isEqualTo("response too large: the body of http://h.test:8080/get?a=1 is over 4 bytes");
    });
  }

  @Test
  void dropsTheBodyOfARedirectItWillFollow() throws Exception {
    HttpClientConfig config = HttpClientConfig.builder(HttpRequestSpec.get(URL)).followRedirects(true).build();
    open(config);
    sent(config);

    ch.writeInbound(ascii("HTTP/1.1 302 Found\r\nLocation: /next\r\nContent-Length: 4\r\n\r\nmove"));

    assertThat(exchange.done().get(5, TimeUnit.SECONDS).status).isEqualTo(302);
    assertThat(output()).isEmpty();
  }

  @Test
  void dropsTheBodyOfAFailedStatusWithFail() throws Exception {
    HttpClientConfig config = HttpClientConfig.builder(HttpRequestSpec.get(URL)).failOnError(true).build();
    open(config);
    sent(config);

    ch.writeInbound(ascii("HTTP/1.1 503 Service Unavailable\r\nContent-Length: 4\r\n\r\ngone"));

    assertThat(exchange.done().get(5, TimeUnit.SECONDS).status).isEqualTo(503);
    assertThat(output()).isEmpty();
  }

  @Test
  void endsWithAProtocolErrorOnAMalformedStatusLine() throws Exception {
    HttpClientConfig config = HttpClientConfig.builder(HttpRequestSpec.get(URL)).build();
    open(config);
    sent(config);

    ch.writeInbound(ascii("SPDY/9 what\r\n\r\n"));

    assertThat(failure().exitCode()).isEqualTo(ExitCode.PROTOCOL);
    assertThat(failure().what()).isEqualTo("malformed response from http://h.test:8080/get?a=1");
  }

  @Test
  void endsWithAProtocolErrorWhenTheConnectionClosesBeforeTheContentLengthCame() throws Exception {
    HttpClientConfig config = HttpClientConfig.builder(HttpRequestSpec.get(URL)).build();
    open(config);
    sent(config);

    ch.writeInbound(ascii("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nshort"));
    ch.close();

    assertThat(failure().exitCode()).isEqualTo(ExitCode.PROTOCOL);
    assertThat(failure().detail()).isEqualTo("the connection closed before the response ended");
  }

  @Test
  void takesABodyThatEndsWithTheConnectionWhenItHasNoLength() throws Exception {
    HttpClientConfig config = HttpClientConfig.builder(HttpRequestSpec.get(URL)).build();
    open(config);
    sent(config);

    ch.writeInbound(ascii("HTTP/1.0 200 OK\r\n\r\nuntil close"));
    ch.close();

    assertThat(exchange.done().get(5, TimeUnit.SECONDS).status).isEqualTo(200);
    assertThat(output()).isEqualTo("until close");
  }

  @Test
  void meetsABodyExpectationAcrossACharacterSplitBetweenReads() throws Exception {
    HttpExpectations expect = new HttpExpectations(List.of(), "caf\u00e9!", null, List.of());
    HttpClientConfig config = HttpClientConfig.builder(HttpRequestSpec.get(URL)).expectations(expect).build();
    open(config);
    sent(config);
    byte[] body = "un caf\u00e9!".getBytes(StandardCharsets.UTF_8);

    ch.writeInbound(ascii("HTTP/1.1 200 OK\r\nContent-Length: " + body.length + "\r\n\r\n"));
    ch.writeInbound(Unpooled.wrappedBuffer(body, 0, 7));
    ch.writeInbound(Unpooled.wrappedBuffer(body, 7, body.length - 7));

    assertThat(exchange.done().get(5, TimeUnit.SECONDS).watchers).allMatch(w -> w.met());
  }

  @Test
  void replacesAndRemovesItsOwnHeadersWithTheUsers() throws Exception {
    HttpRequestSpec spec = new HttpRequestSpec("POST", URL, List.of(h("Accept", ""), h("User-Agent", "mine"),
        h("X-A", "1"), h("X-A", "2")), new HttpRequestBody.Bytes("a=1".getBytes(StandardCharsets.UTF_8),
        "application/x-www-form-urlencoded"));
    HttpClientConfig config = HttpClientConfig.builder(spec).build();
    open(config);

    assertThat(sent(config)).isEqualTo("POST /get?a=1 HTTP/1.1\r\nHost: h.test:8080\r\n"
        + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 3\r\nUser-Agent: mine\r\n"
        + "X-A: 1\r\nX-A: 2\r\n\r\na=1");
  }

  @Test
  void streamsAFileBodyWithItsLength() throws Exception {
    Path file = Files.write(dir.resolve("body.bin"), new byte[] {0, 1, 2, (byte) 0xff});
    HttpRequestSpec spec = new HttpRequestSpec("PUT", URL, List.of(), new HttpRequestBody.FileData(file, "a/b"));
    HttpClientConfig config = HttpClientConfig.builder(spec).userAgent("u").build();
    open(config);

    byte[] wire = sentBytes(config);

    String text = new String(wire, StandardCharsets.ISO_8859_1);
    assertThat(text).startsWith("PUT /get?a=1 HTTP/1.1\r\n").contains("Content-Type: a/b\r\nContent-Length: 4\r\n")
        .endsWith("\r\n\r\n\u0000\u0001\u0002\u00ff");
  }

  @Test
  void encodesAMultipartFormAndLeavesTheUploadedFileInPlace() throws Exception {
    Path file = Files.writeString(dir.resolve("notes.txt"), "file body\n");
    HttpRequestSpec spec = new HttpRequestSpec("POST", URL, List.of(), new HttpRequestBody.Multipart(List.of(
        HttpRequestBody.Part.value("name", "nettool"), HttpRequestBody.Part.file("doc", file, null))));
    HttpClientConfig config = HttpClientConfig.builder(spec).build();
    open(config);

    String text = new String(sentBytes(config), StandardCharsets.UTF_8);

    String boundary = text.replaceAll("(?s).*content-type: multipart/form-data; boundary=([^\\r]+)\\r\\n.*", "$1");
    assertThat(text).contains("content-disposition: form-data; name=\"name\"\r\n")
        .contains("\r\n\r\nnettool\r\n--" + boundary)
        .contains("content-disposition: form-data; name=\"doc\"; filename=\"notes.txt\"\r\n")
        .contains("content-type: text/plain\r\n")
        .contains("\r\n\r\nfile body\n\r\n--" + boundary + "--");
    assertThat(file).as("the user's file after the upload").exists().hasContent("file body");
  }

  private void open(HttpClientConfig config) {
    pump = new TcpClientOutputPump(TcpClientOutput.raw(out));
    exchange = new HttpClientExchange(config.request(), System.nanoTime(), config.expectations().bodyWatchers());
    ch = new EmbeddedChannel(new HttpClientInitializer(Transport.select(TransportKind.NIO), events, config, exchange,
        config.aggregate() ? null : pump));
  }

  private String sent(HttpClientConfig config) throws Exception {
    return new String(sentBytes(config), StandardCharsets.UTF_8);
  }

  private byte[] sentBytes(HttpClientConfig config) throws Exception {
    HttpClientRequests.write(ch, config.request(), config);
    ch.runPendingTasks();
    ByteArrayOutputStream wire = new ByteArrayOutputStream();
    for (Object o = ch.readOutbound(); o != null; o = ch.readOutbound()) {
      ByteBuf b = (ByteBuf) o;
      b.readBytes(wire, b.readableBytes());
      b.release();
    }
    return wire.toByteArray();
  }

  private String output() throws Exception {
    pump.end().get(5, TimeUnit.SECONDS);
    return out.toString(StandardCharsets.UTF_8);
  }

  private NettoolException failure() throws InterruptedException {
    try {
      exchange.done().get(5, TimeUnit.SECONDS);
      throw new AssertionError("the exchange did not fail");
    } catch (ExecutionException e) {
      return (NettoolException) e.getCause();
    } catch (java.util.concurrent.TimeoutException e) {
      throw new AssertionError("the exchange did not end", e);
    }
  }

  private static ByteBuf ascii(String s) {
    return Unpooled.copiedBuffer(s, StandardCharsets.ISO_8859_1);
  }

  private static Map.Entry<String, String> h(String k, String v) {
    return new AbstractMap.SimpleImmutableEntry<>(k, v);
  }
}
