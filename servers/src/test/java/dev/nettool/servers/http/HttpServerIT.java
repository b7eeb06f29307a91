package dev.nettool.servers.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nettool.protocols.address.Endpoint;
import dev.nettool.protocols.event.Event;
import dev.nettool.protocols.testing.NettyLeakCheck;
import dev.nettool.protocols.testing.RecordingEventSink;
import dev.nettool.protocols.testing.Transports;
import dev.nettool.protocols.transport.TransportKind;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The real server on loopback against the JDK's HTTP client and raw sockets, once per available transport. */
@Timeout(60)
@ExtendWith(NettyLeakCheck.class)
class HttpServerIT {
  private static final Duration WAIT = Duration.ofSeconds(10);
  private final RecordingEventSink sink = new RecordingEventSink();
  private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private HttpServer server;
  private int port;

  static Stream<TransportKind> transports() {
    return Transports.available();
  }

  private void start(TransportKind kind, UnaryOperator<HttpServerConfig.Builder> config) {
    server = new HttpServer(config.apply(HttpServerConfig.builder().transport(kind).routes(HttpTestRoutes.all()))
        .build(), sink);
    port = ((Endpoint.Inet) server.start()).port();
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.close(Duration.ofSeconds(2));
    }
  }

  private HttpResponse<String> get(String path, String... headers) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(WAIT);
    if (headers.length > 0) {
      b.headers(headers);
    }
    return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static void send(OutputStream out, String text) throws Exception {
    out.write(text.getBytes(StandardCharsets.ISO_8859_1));
    out.flush();
  }

  @ParameterizedTest
  @MethodSource("transports")
  void answersOnOneKeptAliveConnectionWithOneRequestEventPerExchange(TransportKind kind) throws Exception {
    start(kind, b -> b);
    assertThat(get("/hello").body()).isEqualTo("hello\n");
    assertThat(get("/hello").statusCode()).isEqualTo(200);
    Event first = sink.take("request", WAIT);
    assertThat(first.text()).matches("GET /hello 200 6B \\S+ #1");
    assertThat(first.fields()).containsEntry("method", "GET").containsEntry("path", "/hello")
        .containsEntry("status", 200).containsEntry("bytes", 6L).containsEntry("id", 1L);
    assertThat(sink.take("request", WAIT).fields()).as("the second request reused connection #1")
        .containsEntry("id", 1L);
  }

  @ParameterizedTest
  @MethodSource("transports")
  void answersThreePipelinedRequestsInOrderEvenWhenTheFirstAnswersLater(TransportKind kind) throws Exception {
    start(kind, b -> b);
    try (Socket s = new Socket("127.0.0.1", port)) {
      send(s.getOutputStream(), "GET /later HTTP/1.1\r\nHost: x\r\n\r\n"
          + "GET /hello HTTP/1.1\r\nHost: x\r\n\r\n"
          + "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\n\r\nping");
      InputStream in = s.getInputStream();
      assertThat(RawHttp.read(in, false).body()).isEqualTo("later\n");
      assertThat(RawHttp.read(in, false).body()).isEqualTo("hello\n");
      assertThat(RawHttp.read(in, false).body()).isEqualTo("ping");
    }
  }

  @ParameterizedTest
  @MethodSource("transports")
  void readsChunkedRequestBodiesWholeAndStreamed(TransportKind kind) throws Exception {
    start(kind, b -> b);
    try (Socket s = new Socket("127.0.0.1", port)) {
      send(s.getOutputStream(), "POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
          + "3\r\nabc\r\n4\r\ndefg\r\n0\r\n\r\n"
          + "PUT /count HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
          + "5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n");
      InputStream in = s.getInputStream();
      assertThat(RawHttp.read(in, false).body()).isEqualTo("abcdefg");
      assertThat(RawHttp.read(in, false).body()).isEqualTo("11 bytes\n");
    }
  }

  @ParameterizedTest
  @MethodSource("transports")
  void answersChunkedWhenARouteStreamsItsResponse(TransportKind kind) throws Exception {
    start(kind, b -> b.routes(List.of(HttpRoute.of(io.netty.handler.codec.http.HttpMethod.GET, "/stream", x -> {
      HttpExchange.HttpResponseStream st = x.stream(io.netty.handler.codec.http.HttpResponseStatus.OK, "text/plain");
      st.write("one\n");
      st.end(io.netty.buffer.Unpooled.copiedBuffer("two\n", StandardCharsets.UTF_8));
    }))));
    try (Socket s = new Socket("127.0.0.1", port)) {
      send(s.getOutputStream(), "GET /stream HTTP/1.1\r\nHost: x\r\n\r\n");
      RawHttp.Response r = RawHttp.read(s.getInputStream(), false);
      assertThat(r.headers()).containsEntry("transfer-encoding", "chunked");
      assertThat(r.body()).isEqualTo("one\ntwo\n");
    }
  }

  @ParameterizedTest
  @MethodSource("transports")
  void continuesAnExpectedBodyThatFitsAndRefusesOneThatDoesNotUnread(TransportKind kind) throws Exception {
    start(kind, b -> b.maxBody(16));
    try (Socket s = new Socket("127.0.0.1", port)) {
      OutputStream out = s.getOutputStream();
      InputStream in = s.getInputStream();
      send(out, "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nExpect: 100-continue\r\n\r\n");
      assertThat(RawHttp.read(in, false).status()).isEqualTo(100);
      send(out, "hello");
      assertThat(RawHttp.read(in, false).body()).isEqualTo("hello");
      send(out, "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 17\r\nExpect: 100-continue\r\n\r\n");
      RawHttp.Response refused = RawHttp.read(in, false);
      assertThat(refused.status()).isEqualTo(413);
      assertThat(refused.headers()).containsEntry("connection", "close");
      assertThat(in.read()).as("closed after the 413").isEqualTo(-1);
    }
  }

  @ParameterizedTest
  @MethodSource("transports")
  void refusesABodyOverTheLimitWith413AndCloses(TransportKind kind) throws Exception {
    start(kind, b -> b.maxBody(8));
    try (Socket s = new Socket("127.0.0.1", port)) {
      send(s.getOutputStream(), "POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
          + "8\r\n12345678\r\n1\r\n9\r\n");
      InputStream in = s.getInputStream();
      RawHttp.Response r = RawHttp.read(in, false);
      assertThat(r.status()).isEqualTo(413);
      assertThat(r.body()).isEqualTo("413 Request Entity Too Large: body passed the limit of 8 bytes\n");
      assertThat(in.read()).isEqualTo(-1);
    }
  }

  @ParameterizedTest
  @MethodSource("transports")
  void answersHeadWithTheHeadersOfGetAndNoBody(TransportKind kind) throws Exception {
    start(kind, b -> b);
    try (Socket s = new Socket("127.0.0.1", port)) {
      send(s.getOutputStream(), "HEAD /hello HTTP/1.1\r\nHost: x\r\n\r\nGET /hello HTTP/1.1\r\nHost: x\r\n\r\n");
      InputStream in = s.getInputStream();
      RawHttp.Response head = RawHttp.read(in, true);
      assertThat(head.status()).isEqualTo(200);
      assertThat(head.headers()).containsEntry("content-length", "6");
      assertThat(RawHttp.read(in, false).body()).as("no body came between").isEqualTo("hello\n");
    }
    assertThat(sink.take("request", WAIT).text()).startsWith("HEAD /hello 200 0B ");
  }

  @ParameterizedTest
  @MethodSource("transports")
  void answersOptions404And405(TransportKind kind) throws Exception {
    start(kind, b -> b);
    HttpRequest options = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/hello"))
        .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).build();
    HttpResponse<String> o = client.send(options, HttpResponse.BodyHandlers.ofString());
    assertThat(o.statusCode()).isEqualTo(204);
    assertThat(o.headers().firstValue("allow")).hasValue("GET, HEAD, OPTIONS");
    HttpResponse<String> missing = get("/nope?x=1");
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(missing.headers().firstValue("content-type")).hasValue("application/json");
    assertThat(missing.body()).contains("\"error\" : \"not found\"").contains("\"path\" : \"/nope\"");
    HttpRequest delete = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/hello")).DELETE().build();
    HttpResponse<String> d = client.send(delete, HttpResponse.BodyHandlers.ofString());
    assertThat(d.statusCode()).isEqualTo(405);
    assertThat(d.headers().firstValue("allow")).hasValue("GET, HEAD, OPTIONS");
    try (Socket s = new Socket("127.0.0.1", port)) {
      send(s.getOutputStream(), "OPTIONS * HTTP/1.1\r\nHost: x\r\n\r\n");
      RawHttp.Response star = RawHttp.read(s.getInputStream(), false);
      assertThat(star.status()).isEqualTo(204);
      assertThat(star.headers().get("allow")).contains("GET", "POST", "DELETE");
    }
  }

  @ParameterizedTest
  @MethodSource("transports")
  void compressesForClientsThatAskAndInflatesCompressedRequestBodies(TransportKind kind) throws Exception {
    start(kind, b -> b.compress(true));
    HttpResponse<byte[]> r = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/big"))
        .header("Accept-Encoding", "gzip").build(), HttpResponse.BodyHandlers.ofByteArray());
    assertThat(r.headers().firstValue("content-encoding")).hasValue("gzip");
    assertThat(new String(new GZIPInputStream(new java.io.ByteArrayInputStream(r.body())).readAllBytes(),
        StandardCharsets.UTF_8)).isEqualTo("abcdefgh".repeat(4096));
    assertThat(get("/hello").headers().firstValue("content-encoding")).as("not asked, not compressed").isEmpty();
    ByteArrayOutputStream gz = new ByteArrayOutputStream();
    try (GZIPOutputStream z = new GZIPOutputStream(gz)) {
      z.write("inflated".getBytes(StandardCharsets.UTF_8));
    }
    HttpResponse<String> echoed = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/echo"))
        .header("Content-Encoding", "gzip").POST(HttpRequest.BodyPublishers.ofByteArray(gz.toByteArray())).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(echoed.body()).isEqualTo("inflated");
  }

  @ParameterizedTest
  @MethodSource("transports")
  void answersCorsPreflightsAndAddsTheOriginHeader(TransportKind kind) throws Exception {
    start(kind, b -> b.cors(true));
    try (Socket s = new Socket("127.0.0.1", port)) {
      send(s.getOutputStream(), "OPTIONS /echo HTTP/1.1\r\nHost: x\r\nOrigin: http://example.test\r\n"
          + "Access-Control-Request-Method: POST\r\nAccess-Control-Request-Headers: X-Thing\r\n\r\n");
      RawHttp.Response pre = RawHttp.read(s.getInputStream(), false);
      assertThat(pre.status()).isEqualTo(200);
      assertThat(pre.headers()).containsEntry("access-control-allow-origin", "*");
      assertThat(pre.headers().get("access-control-allow-methods")).contains("POST");
    }
    assertThat(get("/hello", "Origin", "http://example.test").headers().firstValue("access-control-allow-origin"))
        .hasValue("*");
  }

  @ParameterizedTest
  @MethodSource("transports")
  void requiresBasicAuthWhenAsked(TransportKind kind) throws Exception {
    start(kind, b -> b.auth("ann:s3cret"));
    HttpResponse<String> denied = get("/hello");
    assertThat(denied.statusCode()).isEqualTo(401);
    assertThat(denied.headers().firstValue("www-authenticate")).hasValue("Basic realm=\"nettool\"");
    assertThat(get("/hello", "Authorization", "Basic " + base64("ann:wrong")).statusCode()).isEqualTo(401);
    assertThat(get("/hello", "Authorization", "Basic " + base64("ann:s3cret")).body()).isEqualTo("hello\n");
  }

  @ParameterizedTest
  @MethodSource("transports")
  void answers500WhenAHandlerThrowsAndGoesOnServing(TransportKind kind) throws Exception {
    start(kind, b -> b);
    HttpResponse<String> r = get("/boom");
    assertThat(r.statusCode()).isEqualTo(500);
    assertThat(sink.take("error", WAIT).text()).isEqualTo("error #1 handler GET /boom: boom");
    assertThat(get("/hello").statusCode()).isEqualTo(200);
  }

  @ParameterizedTest
  @MethodSource("transports")
  void completesDoneAfterCountRequestsAndSummarisesOnClose(TransportKind kind) throws Exception {
    start(kind, b -> b.count(2));
    get("/hello");
    assertThat(server.done()).isNotDone();
    get("/nope");
    server.done().get(WAIT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
    server.close(Duration.ofSeconds(2));
    Event summary = sink.take("summary", WAIT);
    assertThat(summary.fields()).containsEntry("connections", 1L).containsEntry("requests", 2L);
    assertThat(summary.text()).startsWith("summary http 1 connections 2 requests in=");
    server = null;
  }

  @ParameterizedTest
  @MethodSource("transports")
  void keepsAnHttp10ConnectionAliveWhenAskedAndSaysSo(TransportKind kind) throws Exception {
    start(kind, b -> b);
    try (Socket s = new Socket("127.0.0.1", port)) {
      send(s.getOutputStream(), "GET /hello HTTP/1.0\r\nConnection: keep-alive\r\n\r\n");
      RawHttp.Response r = RawHttp.read(s.getInputStream(), false);
      assertThat(r.headers()).containsEntry("connection", "keep-alive");
      send(s.getOutputStream(), "GET /hello HTTP/1.0\r\n\r\n");
      assertThat(RawHttp.read(s.getInputStream(), false).body()).isEqualTo("hello\n");
      assertThat(s.getInputStream().read()).as("HTTP/1.0 without keep-alive closes").isEqualTo(-1);
    }
  }

  @ParameterizedTest
  @MethodSource("transports")
  void closesIdleConnectionsAtOnceWhenStopping(TransportKind kind) throws Exception {
    start(kind, b -> b);
    try (Socket s = new Socket("127.0.0.1", port)) {
      send(s.getOutputStream(), "GET /hello HTTP/1.1\r\nHost: x\r\n\r\n");
      RawHttp.read(s.getInputStream(), false);
      long t0 = System.nanoTime();
      server.close(Duration.ofSeconds(30));
      server = null;
      assertThat(Duration.ofNanos(System.nanoTime() - t0)).as("no wait for the drain timeout")
          .isLessThan(Duration.ofSeconds(10));
      assertThat(s.getInputStream().read()).isEqualTo(-1);
    }
  }

  @ParameterizedTest
  @MethodSource("transports")
  void servesOverAUnixDomainSocket(TransportKind kind, @TempDir Path dir) throws Exception {
    Path path = dir.resolve("http.sock");
    server = new HttpServer(HttpServerConfig.builder().transport(kind).listen(new Endpoint.Unix(path))
        .routes(HttpTestRoutes.all()).build(), sink);
    assertThat(server.start()).isEqualTo(new Endpoint.Unix(path));
    assertThat(server.listeningEvent().text()).startsWith("listening http unix:" + path + " transport=");
    try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
      ch.connect(UnixDomainSocketAddress.of(path));
      OutputStream out = Channels.newOutputStream(ch);
      send(out, "GET /hello HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
      RawHttp.Response r = RawHttp.read(Channels.newInputStream(ch), false);
      assertThat(r.body()).isEqualTo("hello\n");
      assertThat(r.headers()).containsEntry("connection", "close");
    }
    server.close(Duration.ofSeconds(1));
    server = null;
    assertThat(Files.exists(path)).as("socket file removed on close").isFalse();
  }

  private static String base64(String s) {
    return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }
}
