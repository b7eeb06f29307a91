package dev.nettool.clients.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nettool.clients.tcp.TcpClientOutput;
import dev.nettool.protocols.ExitCode;
import dev.nettool.protocols.NettoolException;
import dev.nettool.protocols.testing.RecordingEventSink;
import dev.nettool.protocols.testing.StreamPeer;
import dev.nettool.protocols.transport.TransportKind;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The client against the JDK's own HTTP server (and raw sockets for broken servers), over every transport. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class HttpClientIT {
  private static final String TRANSPORTS = "dev.nettool.protocols.testing.Transports#available";
  private static final long WAIT = 20;

  private final RecordingEventSink events = new RecordingEventSink();
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  @TempDir Path dir;

  @ParameterizedTest
  @MethodSource(TRANSPORTS)
  void downloadsFourMegabytesByteForByte(TransportKind kind) throws Exception {
    byte[] payload = new byte[4 << 20];
    new Random(4).nextBytes(payload);
    try (JdkHttpPeer peer = new JdkHttpPeer().route("/blob", ex -> JdkHttpPeer.send(ex, 200, payload))) {
      HttpClientResult r = run(HttpClientConfig.builder(HttpRequestSpec.get(peer.url("/blob"))), kind);

      assertThat(r.status()).isEqualTo(200);
      assertThat(r.bodyBytes()).isEqualTo(payload.length);
      assertThat(out.toByteArray()).as("the body on the output").isEqualTo(payload);
    }
  }

  @ParameterizedTest
  @MethodSource(TRANSPORTS)
  void followsRelativeRedirectsTurningAPostIntoAGet(TransportKind kind) throws Exception {
    try (JdkHttpPeer peer = new JdkHttpPeer()) {
      peer.route("/start", ex -> redirect(ex, 302, "step?x=1"))
          .route("/step", ex -> redirect(ex, 303, "/end"))
          .route("/end", ex -> JdkHttpPeer.send(ex, 200, (ex.getRequestMethod() + " "
              + ex.getRequestBody().readAllBytes().length).getBytes(StandardCharsets.UTF_8)));
      HttpRequestSpec post = new HttpRequestSpec("POST", peer.url("/start"), List.of(),
          new HttpRequestBody.Bytes("a=1".getBytes(StandardCharsets.UTF_8), "application/x-www-form-urlencoded"));

      HttpClientResult r = run(HttpClientConfig.builder(post).followRedirects(true), kind);

      assertThat(r.redirects()).isEqualTo(2);
      assertThat(r.url()).isEqualTo(peer.url("/end"));
      assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("GET 0");
    }
  }

  @ParameterizedTest
  @MethodSource(TRANSPORTS)
  void keepsMethodAndBodyThroughA307(TransportKind kind) throws Exception {
    try (JdkHttpPeer peer = new JdkHttpPeer()) {
      peer.route("/start", ex -> redirect(ex, 307, "/end"))
          .route("/end", ex -> JdkHttpPeer.send(ex, 200, (ex.getRequestMethod() + " "
              + new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8)));
      HttpRequestSpec put = new HttpRequestSpec("PUT", peer.url("/start"), List.of(),
          new HttpRequestBody.Bytes("body".getBytes(StandardCharsets.UTF_8), "text/plain"));

      run(HttpClientConfig.builder(put).followRedirects(true), kind);

      assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("PUT body");
    }
  }

  @ParameterizedTest
  @MethodSource(TRANSPORTS)
  void givesUpAfterTheMaximumNumberOfRedirects(TransportKind kind) throws Exception {
    try (JdkHttpPeer peer = new JdkHttpPeer().route("/loop", ex -> redirect(ex, 302, "/loop"))) {
      NettoolException e = failure(HttpClientConfig.builder(HttpRequestSpec.get(peer.url("/loop")))
          .followRedirects(true).maxRedirects(3), kind);

      assertThat(e.exitCode()).isEqualTo(ExitCode.FAILURE);
      assertThat(e.getMessage()).isEqualTo("too many redirects: maximum (3) redirects followed");
    }
  }

  @ParameterizedTest
  @MethodSource(TRANSPORTS)
  void uploadsAMultipartFileTheServerReceivesWhole(TransportKind kind) throws Exception {
    byte[] content = new byte[300_000];
    new Random(3).nextBytes(content);
    Path file = Files.write(dir.resolve("upload.bin"), content);
    try (JdkHttpPeer peer = new JdkHttpPeer().route("/upload", ex -> {
      byte[] body = ex.getRequestBody().readAllBytes();
      String type = ex.getRequestHeaders().getFirst("Content-Type");
      byte[] field = "\r\n\r\nmé, too\r\n".getBytes(StandardCharsets.UTF_8);
      JdkHttpPeer.send(ex, 200, (type + "\n" + body.length + "\n" + indexOf(body, content) + "\n"
          + indexOf(body, field)).getBytes(StandardCharsets.UTF_8));
    })) {
      HttpRequestSpec form = new HttpRequestSpec("POST", peer.url("/upload"), List.of(), new HttpRequestBody.Multipart(
          List.of(HttpRequestBody.Part.value("who", "mé, too"), HttpRequestBody.Part.file("f", file, null))));
      Set<Path> temporaries = formTemporaries();

      run(HttpClientConfig.builder(form), kind);

      String[] lines = out.toString(StandardCharsets.UTF_8).split("\n");
      assertThat(lines[0]).startsWith("multipart/form-data; boundary=");
      assertThat(Integer.parseInt(lines[1])).isGreaterThan(content.length);
      assertThat(Integer.parseInt(lines[2])).as("where the file's bytes start in the body").isPositive();
      assertThat(Integer.parseInt(lines[3])).as("where the text field starts in the body").isPositive();
      assertThat(formTemporaries()).as("text fields are sent from memory, not from temporary files")
          .isEqualTo(temporaries);
      assertThat(file).as("the uploaded file is the user's and stays").hasBinaryContent(content);
    }
  }

  /** The files Netty's disk factory makes for a form's text fields, in the JVM's temporary directory. */
  private static Set<Path> formTemporaries() throws IOException {
    try (Stream<Path> files = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
      return files.filter(f -> f.getFileName().toString().startsWith("Attr_")).collect(Collectors.toSet());
    }
  }

  @ParameterizedTest
  @MethodSource(TRANSPORTS)
  void asksForGzipAndInflatesWhenCompressed(TransportKind kind) throws Exception {
    try (JdkHttpPeer peer = new JdkHttpPeer().route("/gz", ex -> {
      String accept = String.valueOf(ex.getRequestHeaders().getFirst("Accept-Encoding"));
      ByteArrayOutputStream zipped = new ByteArrayOutputStream();
      try (OutputStream gz = new GZIPOutputStream(zipped)) {
        gz.write(("asked for " + accept).getBytes(StandardCharsets.UTF_8));
      }
      ex.getResponseHeaders().set("Content-Encoding", "gzip");
      JdkHttpPeer.send(ex, 200, zipped.toByteArray());
    })) {
      run(HttpClientConfig.builder(HttpRequestSpec.get(peer.url("/gz"))).compressed(true), kind);

      assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("asked for gzip, deflate");
    }
  }

  @ParameterizedTest
  @MethodSource(TRANSPORTS)
  void keepsTheBodyAndTimesTheExchangeWhenAggregating(TransportKind kind) throws Exception {
    try (JdkHttpPeer peer = new JdkHttpPeer().route("/json", ex -> {
      ex.getResponseHeaders().add("Set-Cookie", "a=1");
      ex.getResponseHeaders().add("Set-Cookie", "b=2");
      JdkHttpPeer.send(ex, 201, "{\"ok\":true}".getBytes(StandardCharsets.UTF_8));
    })) {
      HttpClientResult r = run(HttpClientConfig.builder(HttpRequestSpec.get(peer.url("/json"))).aggregate(true), kind);

      assertThat(r.status()).isEqualTo(201);
      assertThat(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo("{\"ok\":true}");
      assertThat(r.headerValues("set-cookie")).containsExactly("a=1", "b=2");
      assertThat(r.firstByte()).isLessThanOrEqualTo(r.total());
      assertThat(out.size()).as("nothing on the output").isZero();
    }
  }

  @ParameterizedTest
  @MethodSource(TRANSPORTS)
  void failsToConnectWithExitThreeWhenRefused(TransportKind kind) throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    NettoolException e = failure(HttpClientConfig.builder(HttpRequestSpec.get(
        HttpUrl.parse("http://127.0.0.1:" + port + "/"))), kind);

    assertThat(e.exitCode()).isEqualTo(ExitCode.CONNECT);
    assertThat(e.getMessage()).isEqualTo("cannot connect to 127.0.0.1:" + port + ": Connection refused");
  }

  @ParameterizedTest
  @MethodSource(TRANSPORTS)
  void failsWithAProtocolErrorWhenTheServerAnswersGarbage(TransportKind kind) throws Exception {
    try (StreamPeer peer = StreamPeer.tcp(c -> {
      c.out().write("BOGUS\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      c.out().flush();
      c.holdUntilClosed();
    })) {
      String url = "http://" + peer.endpoint().display() + "/";
      NettoolException e = failure(HttpClientConfig.builder(HttpRequestSpec.get(HttpUrl.parse(url))), kind);

      assertThat(e.exitCode()).isEqualTo(ExitCode.PROTOCOL);
      assertThat(e.what()).isEqualTo("malformed response from " + url);
    }
  }

  @ParameterizedTest
  @MethodSource(TRANSPORTS)
  void showsTheHeadsAsCurlDoesWhenVerbose(TransportKind kind) throws Exception {
    try (JdkHttpPeer peer = new JdkHttpPeer().route("/v", ex -> JdkHttpPeer.send(ex, 204, new byte[0]))) {
      run(HttpClientConfig.builder(HttpRequestSpec.get(peer.url("/v"))).userAgent("ua"), kind);

      assertThat(events.take("connect", Duration.ofSeconds(5)).text()).startsWith("connect 127.0.0.1:");
      assertThat(events.take("request", Duration.ofSeconds(5)).text()).isEqualTo("> GET /v HTTP/1.1\n"
          + "> Host: " + peer.url("/").hostHeader() + "\n> User-Agent: ua\n> Accept: */*\n>");
      assertThat(events.take("response", Duration.ofSeconds(5)).text()).startsWith("< HTTP/1.1 204 No Content\n")
          .endsWith("\n<");
    }
  }

  private HttpClientResult run(HttpClientConfig.Builder config, TransportKind kind) throws Exception {
    try (HttpClient client = new HttpClient(config.transport(kind).build(), events)) {
      return client.exchange(TcpClientOutput.raw(out)).get(WAIT, TimeUnit.SECONDS);
    }
  }

  private NettoolException failure(HttpClientConfig.Builder config, TransportKind kind) throws Exception {
    try {
      run(config, kind);
      throw new AssertionError("the exchange did not fail");
    } catch (ExecutionException e) {
      return (NettoolException) e.getCause();
    }
  }

  private static void redirect(com.sun.net.httpserver.HttpExchange ex, int status, String location)
      throws java.io.IOException {
    ex.getRequestBody().readAllBytes();
    ex.getResponseHeaders().set("Location", location);
    JdkHttpPeer.send(ex, status, "moved".getBytes(StandardCharsets.UTF_8));
  }

  private static int indexOf(byte[] hay, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= hay.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (hay[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
