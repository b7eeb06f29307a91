package dev.nettool.e2e;

import static dev.nettool.e2e.HttpsServerE2E.json;
import static dev.nettool.e2e.HttpsServerE2E.map;
import static dev.nettool.e2e.TcpEchoE2E.EXCHANGE;
import static dev.nettool.e2e.TcpEchoE2E.READY;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * HTTP/2 on {@code http-server} and {@code https-server} as a process, driven by curl, nghttp and Node: h2c by prior
 * knowledge and by {@code Upgrade}, h2 by ALPN, every answer compared with the same request over HTTP/1.1.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class Http2ServerE2E {
  @RegisterExtension final Launched launched = new Launched();

  @TempDir Path dir;

  /** A body and the HTTP version curl used for it. */
  private record Answer(String body, String version) {}

  @Test
  void cleartextSpeaksH2cByPriorKnowledgeAndByUpgradeWithTheEchoOfHttp11() throws Exception {
    int port = launched.nettool("http-server", "--port", "0").awaitPort(READY);
    String url = "http://127.0.0.1:" + port + "/get?a=1&a=2";

    Answer http11 = curl("--http1.1", url);
    Answer priorKnowledge = curl("--http2-prior-knowledge", url);
    Answer upgraded = curl("--http2", url);

    assertThat(http11.version()).isEqualTo("1.1");
    assertThat(priorKnowledge.version()).as("prior knowledge").isEqualTo("2");
    assertThat(upgraded.version()).as("Upgrade: h2c").isEqualTo("2");
    assertThat(json(priorKnowledge.body())).isEqualTo(json(http11.body()));
    // The upgrade reads its request whole first, which leaves a Content-Length: 0 behind.
    Map<String, Object> upgradedEcho = json(upgraded.body());
    map(upgradedEcho.get("headers")).remove("Content-Length");
    assertThat(upgradedEcho).isEqualTo(json(http11.body()));
  }

  @Test
  void staticFilesRangesAndPostBodiesOverH2AnswerAsOverHttp11() throws Exception {
    Path root = Files.createDirectories(dir.resolve("root"));
    byte[] data = new byte[300_000];
    new Random(7).nextBytes(data);
    Files.write(root.resolve("blob.bin"), data);
    Path body = Files.writeString(dir.resolve("body.json"), "{\"numbers\":[" + "1234567890,".repeat(10_000) + "0]}");
    ReadyLine ready = launched.nettool("https-server", "--port", "0", "--dir", root.toString()).awaitReady(READY);
    String base = "https://localhost:" + ready.port();
    String ca = ready.fields().get("ca");

    for (String version : List.of("--http2", "--http1.1")) {
      Path whole = dir.resolve("whole" + version);
      Path part = dir.resolve("part" + version);
      curl("--cacert", ca, version, "-o", whole.toString(), base + "/blob.bin");
      curl("--cacert", ca, version, "-o", part.toString(), "-r", "1000-1999", base + "/blob.bin");
      assertThat(Files.readAllBytes(whole)).as("whole file " + version).isEqualTo(data);
      assertThat(Files.readAllBytes(part)).as("range " + version)
          .isEqualTo(java.util.Arrays.copyOfRange(data, 1000, 2000));
    }
    Answer h2 = curl("--cacert", ca, "--http2", "-H", "Content-Type: application/json", "--data-binary",
        "@" + body, base + "/anything/x");
    Answer h11 = curl("--cacert", ca, "--http1.1", "-H", "Content-Type: application/json", "--data-binary",
        "@" + body, base + "/anything/x");

    assertThat(h2.version()).isEqualTo("2");
    assertThat(h11.version()).isEqualTo("1.1");
    assertThat(json(h2.body())).isEqualTo(json(h11.body()));
    assertThat(json(h2.body())).containsEntry("method", "POST").containsKey("json");
  }

  @Test
  void curlLeavesAnH2FileOrDripWithoutAResetBecauseTheirLastBytesEndTheStream() throws Exception {
    Path root = Files.createDirectories(dir.resolve("root"));
    byte[] data = new byte[1 << 20];
    new Random(5).nextBytes(data);
    Files.write(root.resolve("blob.bin"), data);
    NettoolProcess server = launched.nettool("https-server", "--port", "0", "-v", "--dir", root.toString());
    ReadyLine ready = server.awaitReady(READY);

    // curl closes as soon as it has Content-Length bytes: an empty END_STREAM frame after them went unread,
    // and the kernel's reset for it showed as "error #n connection: Connection reset by peer".
    String base = "https://localhost:" + ready.port();
    for (int i = 0; i < 3; i++) {
      Path got = dir.resolve("got" + i);
      String ca = ready.fields().get("ca");
      Answer file = curl("--cacert", ca, "--http2", "-o", got.toString(), base + "/blob.bin");
      Answer drip = curl("--cacert", ca, "--http2", base + "/drip?numbytes=50&duration=0&delay=0");
      assertThat(file.version()).isEqualTo("2");
      assertThat(Files.readAllBytes(got)).isEqualTo(data);
      assertThat(drip.body()).isEqualTo("*".repeat(50));
    }
    for (int i = 0; i < 6; i++) {
      server.awaitEvent("close #\\d+ .*", EXCHANGE);
    }
    assertThat(server.eventLines()).as(server.describe()).noneMatch(line -> line.startsWith("error"));
  }

  @Test
  void cleartextH2cServesAStaticFileInChunks() throws Exception {
    Path root = Files.createDirectories(dir.resolve("root"));
    byte[] data = new byte[100_000];
    new Random(11).nextBytes(data);
    Files.write(root.resolve("blob.bin"), data);
    int port = launched.nettool("http-server", "--port", "0", "--dir", root.toString()).awaitPort(READY);
    Path got = dir.resolve("got.bin");

    Answer answer = curl("--http2-prior-knowledge", "-o", got.toString(), "http://127.0.0.1:" + port + "/blob.bin");

    assertThat(answer.version()).isEqualTo("2");
    assertThat(Files.readAllBytes(got)).isEqualTo(data);
  }

  @Test
  void everyStreamIsOneRequestEventOfItsConnectionAndCountsTowardsCount() throws Exception {
    NettoolProcess server = launched.nettool("http-server", "--port", "0", "--count", "3");
    int port = server.awaitPort(READY);
    String base = "http://127.0.0.1:" + port;

    // nghttp: curl 7.88 fails reusing a prior-knowledge connection (it does so against Node's http2 too).
    Peer.PeerResult client = launched.peer(new byte[0], "nghttp", "-n", base + "/get?n=1", base + "/status/204",
        base + "/anything/3").await(EXCHANGE);
    assertThat(client.exitCode()).as(client.describe()).isZero();

    assertThat(server.waitFor(EXCHANGE)).as(server.describe()).isZero();
    assertThat(server.eventLines()).as("three streams of connection #1")
        .anyMatch(line -> line.matches("GET /get\\?n=1 200 \\d+B \\S+ #1"))
        .anyMatch(line -> line.matches("GET /status/204 204 0B \\S+ #1"))
        .anyMatch(line -> line.matches("GET /anything/3 200 \\d+B \\S+ #1"));
  }

  @Test
  void manyStreamsOfOneSessionEachGetTheirOwnAnswerBeforeAndAfterAStreamIsReset() throws Exception {
    NettoolProcess server = launched.nettool("http-server", "--port", "0");
    int port = server.awaitPort(READY);

    // Node's http2: 40 GETs and a 200 KB POST at once, a /drip stream reset by the client, 40 GETs in a row.
    Peer.PeerResult client = launched.peer(new byte[0], "node", Peer.script("http2-many.js"), String.valueOf(port),
        "40").await(EXCHANGE);

    assertThat(client.exitCode()).as(client.describe()).isZero();
    Map<String, Object> result = json(client.text());
    assertThat(result.get("wrong")).as(client.describe()).isEqualTo(List.of());
    assertThat(result).containsEntry("right", 81).containsEntry("reset", 8);
    server.awaitEvent("POST /anything/post 200 \\d+B \\S+ #1", EXCHANGE);
    server.awaitEvent("GET /anything/79 200 \\d+B \\S+ #1", EXCHANGE);
  }

  @Test
  void aBodyOverMaxBodyIs413AndAHeaderListOver16KbIs431OverH2() throws Exception {
    int port = launched.nettool("http-server", "--port", "0", "--max-body", "1KB").awaitPort(READY);
    String url = "http://127.0.0.1:" + port + "/post";
    Path big = Files.writeString(dir.resolve("big.txt"), "x".repeat(4096));

    String tooLarge = statusOf("--http2-prior-knowledge", "--data-binary", "@" + big, url);
    String headersTooLarge = statusOf("--http2-prior-knowledge", "-H", "X-Big: " + "y".repeat(20_000), url);
    String fine = statusOf("--http2-prior-knowledge", "--data-binary", "small", url);

    assertThat(tooLarge).isEqualTo("413 2");
    assertThat(headersTooLarge).isEqualTo("431 2");
    assertThat(fine).isEqualTo("200 2");
  }

  @Test
  void anIdleH2ConnectionIsClosedAfterTheKeepAliveTimeoutButALongStreamIsNot() throws Exception {
    NettoolProcess server = launched.nettool("http-server", "--port", "0", "--keep-alive-timeout", "1s");
    int port = server.awaitPort(READY);

    assertThat(statusOf("--http2-prior-knowledge", "http://127.0.0.1:" + port + "/delay/2"))
        .as("a stream open longer than the timeout is no idle connection").isEqualTo("200 2");
    byte[] prefaceAndSettings = concat("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII),
        new byte[] {0, 0, 0, 4, 0, 0, 0, 0, 0});
    Peer.PeerResult idle = launched.peer(prefaceAndSettings, "python3", Peer.script("http_raw.py"), "127.0.0.1",
        String.valueOf(port)).await(EXCHANGE);

    assertThat(idle.text()).as(idle.describe()).contains("end closed");
    server.awaitEvent("timeout #2 keep-alive .*", EXCHANGE);
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] all = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }

  /** {@code status version} of one request whose body is not wanted. */
  private String statusOf(String... args) throws InterruptedException {
    List<String> all = new ArrayList<>(List.of("-o", "/dev/null"));
    all.addAll(List.of(args));
    Answer a = curl(all.toArray(String[]::new));
    return a.body() + " " + a.version();
  }

  /** Runs curl; the version is taken from the last line, which {@code -w} appends; the rest is the body. */
  private Answer curl(String... args) throws InterruptedException {
    List<String> cmd = new ArrayList<>(List.of("curl", "-sS", "--max-time", "20"));
    cmd.addAll(List.of(args));
    boolean quiet = cmd.contains("/dev/null");
    cmd.add(cmd.indexOf("--max-time"), "-w");
    cmd.add(cmd.indexOf("-w") + 1, quiet ? "%{http_code}\\n%{http_version}" : "\\n%{http_version}");
    Peer.PeerResult r = launched.peer(new byte[0], cmd.toArray(String[]::new)).await(EXCHANGE);
    assertThat(r.exitCode()).as(r.describe()).isZero();
    String text = r.text();
    int cut = text.lastIndexOf('\n');
    return new Answer(text.substring(0, cut), text.substring(cut + 1));
  }
}
