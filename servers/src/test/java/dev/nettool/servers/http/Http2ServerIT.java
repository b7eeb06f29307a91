package dev.nettool.servers.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nettool.protocols.address.Endpoint;
import dev.nettool.protocols.testing.NettyLeakCheck;
import dev.nettool.protocols.testing.RecordingEventSink;
import dev.nettool.protocols.testing.Transports;
import dev.nettool.protocols.tls.PemFiles;
import dev.nettool.protocols.tls.TlsServerConfig;
import dev.nettool.protocols.transport.TransportKind;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * HTTP/2 on the real server over loopback against the JDK's HTTP client: h2c by {@code Upgrade} on cleartext,
 * h2 by ALPN over TLS, with leak detection on every buffer the streams and the file chunks pass.
 */
@Timeout(60)
@ExtendWith(NettyLeakCheck.class)
class Http2ServerIT {
  private static final Duration WAIT = Duration.ofSeconds(10);
  private final RecordingEventSink sink = new RecordingEventSink();
  private HttpServer server;
  private int port;

  @TempDir Path tmp;

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

  @ParameterizedTest
  @MethodSource("transports")
  void upgradesCleartextToH2cAndAnswersLaterStreamsOnTheSameConnection(TransportKind kind) throws Exception {
    start(kind, b -> b.maxBody(1024));
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build();
    String base = "http://127.0.0.1:" + port;

    HttpResponse<String> upgraded = client.send(get(base + "/get?a=1"), HttpResponse.BodyHandlers.ofString());
    HttpResponse<String> posted = client.send(post(base + "/anything", "x".repeat(500)),
        HttpResponse.BodyHandlers.ofString());
    HttpResponse<String> tooLarge = client.send(post(base + "/post", "x".repeat(4096)),
        HttpResponse.BodyHandlers.ofString());

    assertThat(upgraded.version()).as("the upgraded first request").isEqualTo(HttpClient.Version.HTTP_2);
    assertThat(upgraded.body()).contains("\"a\" : \"1\"").doesNotContain("X-Http2");
    assertThat(posted.version()).isEqualTo(HttpClient.Version.HTTP_2);
    assertThat(posted.body()).contains("\"data\" : \"" + "x".repeat(500) + "\"");
    assertThat(tooLarge.statusCode()).as("max-body over h2").isEqualTo(413);
    List<String> requests = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      requests.add(sink.take("request", WAIT).text());
    }
    assertThat(requests).as("one request event per stream, all of connection #1")
        .anyMatch(l -> l.matches("GET /get\\?a=1 200 \\d+B \\S+ #1"))
        .anyMatch(l -> l.matches("POST /anything 200 \\d+B \\S+ #1"))
        .anyMatch(l -> l.matches("POST /post 413 \\d+B \\S+ #1"));
  }

  @Test
  void offersH2ByAlpnOverTlsAndSendsStaticFilesInChunksOnBothVersions() throws Exception {
    byte[] data = new byte[100_000];
    new Random(3).nextBytes(data);
    Files.createDirectories(tmp.resolve("root"));
    Files.write(tmp.resolve("root/blob.bin"), data);
    TlsServerConfig tls = TlsServerConfig.generate(Files.createDirectories(tmp.resolve("certs")));
    start(TransportKind.AUTO, b -> b.tls(tls).mounts(List.of(new HttpMount("/", tmp.resolve("root")))));
    SSLContext trusting = trusting(tls.caFile());
    String url = "https://localhost:" + port + "/blob.bin";

    for (HttpClient.Version version : List.of(HttpClient.Version.HTTP_2, HttpClient.Version.HTTP_1_1)) {
      HttpClient client = HttpClient.newBuilder().version(version).sslContext(trusting).build();
      HttpResponse<byte[]> whole = client.send(get(url), HttpResponse.BodyHandlers.ofByteArray());
      HttpResponse<byte[]> part = client.send(HttpRequest.newBuilder(URI.create(url)).timeout(WAIT)
          .header("Range", "bytes=10-19").build(), HttpResponse.BodyHandlers.ofByteArray());

      assertThat(whole.version()).as("ALPN's choice").isEqualTo(version);
      assertThat(whole.body()).as("whole file over " + version).isEqualTo(data);
      assertThat(part.statusCode()).isEqualTo(206);
      assertThat(part.body()).as("range over " + version).isEqualTo(Arrays.copyOfRange(data, 10, 20));
    }
  }

  private static HttpRequest get(String url) {
    return HttpRequest.newBuilder(URI.create(url)).timeout(WAIT).build();
  }

  private static HttpRequest post(String url, String body) {
    return HttpRequest.newBuilder(URI.create(url)).timeout(WAIT).POST(HttpRequest.BodyPublishers.ofString(body))
        .build();
  }

  private static SSLContext trusting(Path caFile) throws Exception {
    KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
    store.load(null, null);
    store.setCertificateEntry("ca", PemFiles.readCertificates(caFile).get(0));
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(store);
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(null, tmf.getTrustManagers(), null);
    return ctx;
  }
}
