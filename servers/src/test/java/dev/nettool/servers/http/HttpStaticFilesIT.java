package dev.nettool.servers.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nettool.protocols.address.Endpoint;
import dev.nettool.protocols.testing.NettyLeakCheck;
import dev.nettool.protocols.testing.RecordingEventSink;
import dev.nettool.protocols.testing.Transports;
import dev.nettool.protocols.transport.TransportKind;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Static mounts and scripted routes on the real server, against the JDK's HTTP client and raw sockets. */
@Timeout(60)
@ExtendWith(NettyLeakCheck.class)
class HttpStaticFilesIT {
  private static final Duration WAIT = Duration.ofSeconds(10);
  private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private final RecordingEventSink sink = new RecordingEventSink();
  private HttpServer server;
  private int port;
  private byte[] big;

  @TempDir Path tmp;

  static Stream<TransportKind> transports() {
    return Transports.available();
  }

  @BeforeEach
  void files() throws Exception {
    Files.createDirectories(tmp.resolve("root/docs"));
    Files.writeString(tmp.resolve("root/index.html"), "<h1>home</h1>");
    Files.writeString(tmp.resolve("root/docs/a.txt"), "doc a");
    Files.writeString(tmp.resolve("secret.txt"), "outside secret");
    big = new byte[5 << 20];
    new Random(3).nextBytes(big);
    Files.write(tmp.resolve("root/big.bin"), big);
  }

  private void start(TransportKind kind, UnaryOperator<HttpServerConfig.Builder> config) {
    server = new HttpServer(config.apply(HttpServerConfig.builder().transport(kind)
        .mounts(List.of(new HttpMount("/", tmp.resolve("root")), new HttpMount("/d", tmp.resolve("root/docs"))))
        .routes(List.of(HttpScriptedRoutes.parse("GET /hello 200 Hello World"),
            HttpScriptedRoutes.parse("GET /d/a.txt 200 scripted wins"))))
        .build(), sink);
    port = ((Endpoint.Inet) server.start()).port();
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.close(Duration.ofSeconds(2));
    }
  }

  private <T> HttpResponse<T> get(String path, HttpResponse.BodyHandler<T> body, String... headers) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(WAIT);
    if (headers.length > 0) {
      b.headers(headers);
    }
    return client.send(b.build(), body);
  }

  @ParameterizedTest
  @MethodSource("transports")
  void servesFilesRangesAndScriptedRoutesOnOneConnection(TransportKind kind) throws Exception {
    start(kind, b -> b);
    assertThat(get("/", HttpResponse.BodyHandlers.ofString()).body()).isEqualTo("<h1>home</h1>");
    assertThat(get("/hello", HttpResponse.BodyHandlers.ofString()).body()).isEqualTo("Hello World");
    assertThat(get("/d/a.txt", HttpResponse.BodyHandlers.ofString()).body()).as("routes win over mounts")
        .isEqualTo("scripted wins");
    assertThat(get("/big.bin", HttpResponse.BodyHandlers.ofByteArray()).body()).isEqualTo(big);
    HttpResponse<byte[]> part = get("/big.bin", HttpResponse.BodyHandlers.ofByteArray(), "Range", "bytes=100-199");
    assertThat(part.statusCode()).isEqualTo(206);
    assertThat(part.body()).isEqualTo(java.util.Arrays.copyOfRange(big, 100, 200));
    String etag = part.headers().firstValue("ETag").orElseThrow();
    assertThat(get("/big.bin", HttpResponse.BodyHandlers.ofByteArray(), "If-None-Match", etag).statusCode())
        .isEqualTo(304);
    assertThat(get("/big.bin", HttpResponse.BodyHandlers.ofByteArray()).body()).as("still serving").isEqualTo(big);
  }

  /**
   * Two files pipelined on one connection, then a client that resets the connection in the
   * middle of a file: on epoll the file goes out corked, and the cork must neither hold the second
   * response nor break the server when the connection dies under it.
   */
  @ParameterizedTest
  @MethodSource("transports")
  void servesFilesBackToBackAndSurvivesAResetInTheMiddleOfOne(TransportKind kind) throws Exception {
    start(kind, b -> b);
    try (Socket s = new Socket("127.0.0.1", port)) {
      s.setSoTimeout((int) WAIT.toMillis());
      OutputStream out = s.getOutputStream();
      out.write("GET /docs/a.txt HTTP/1.1\r\nHost: x\r\n\r\nGET /index.html HTTP/1.1\r\nHost: x\r\n\r\n"
          .getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      RawHttp.Response first = RawHttp.read(s.getInputStream(), false);
      RawHttp.Response second = RawHttp.read(s.getInputStream(), false);
      assertThat(first.status()).isEqualTo(200);
      assertThat(first.body()).isEqualTo("doc a");
      assertThat(second.body()).isEqualTo("<h1>home</h1>");
    }
    try (Socket s = new Socket("127.0.0.1", port)) {
      s.getOutputStream().write("GET /big.bin HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
      s.getOutputStream().flush();
      byte[] some = new byte[64 << 10];
      s.setSoTimeout((int) WAIT.toMillis());
      assertThat(s.getInputStream().read(some)).isPositive();
      s.setSoLinger(true, 0); // close with a reset, a megabyte or more still to come
    }
    assertThat(get("/big.bin", HttpResponse.BodyHandlers.ofByteArray()).body()).as("still serving").isEqualTo(big);
  }

  @ParameterizedTest
  @MethodSource("transports")
  void countsAFilesBytesInItsRequestEvent(TransportKind kind) throws Exception {
    start(kind, b -> b);
    get("/big.bin", HttpResponse.BodyHandlers.ofByteArray(), "Range", "bytes=10-19");
    assertThat(sink.take("request", WAIT).text()).matches("GET /big.bin 206 10B \\S+ #1");
  }

  @ParameterizedTest
  @MethodSource("transports")
  void sendsFilesUncompressedWhenCompressionIsOn(TransportKind kind) throws Exception {
    start(kind, b -> b.compress(true));
    HttpResponse<byte[]> r = get("/big.bin", HttpResponse.BodyHandlers.ofByteArray(), "Accept-Encoding", "gzip");
    assertThat(r.headers().firstValue("Content-Encoding")).hasValue("identity");
    assertThat(r.body()).isEqualTo(big);
  }

  @ParameterizedTest
  @MethodSource("transports")
  void neverSendsAFileFromOutsideTheRootOverTheWire(TransportKind kind) throws Exception {
    start(kind, b -> b);
    try (Socket s = new Socket("127.0.0.1", port)) {
      s.setSoTimeout((int) WAIT.toMillis());
      OutputStream out = s.getOutputStream();
      InputStream in = s.getInputStream();
      for (String target : List.of("/../secret.txt", "/%2e%2e/secret.txt", "/d/..%2f..%2fsecret.txt",
          "/d/%2E%2e/%2e%2e/secret.txt", "/..\\secret.txt", "/%252e%252e/secret.txt")) {
        out.write(("GET " + target + " HTTP/1.1\r\nHost: x\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        RawHttp.Response r = RawHttp.read(in, false);
        assertThat(r.status()).as(target).isIn(400, 404);
        assertThat(r.body()).as(target).doesNotContain("outside secret");
      }
    }
  }
}
