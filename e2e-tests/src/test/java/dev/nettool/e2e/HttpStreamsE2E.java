package dev.nettool.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code nettool http-server}'s sessions, streams, REST items, keep-alive and send timeout as a process,
 * against curl, Node's {@code http} and python3's {@code http.client}. One server (leak detection at
 * paranoid) serves the class; the send-timeout test starts its own.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class HttpStreamsE2E {
  static final Duration READY = Duration.ofSeconds(30);
  static final Duration EXCHANGE = Duration.ofSeconds(30);
  private static final Launched SHARED = new Launched();
  private static NettoolProcess server;
  private static int port;
  private static String base;

  @RegisterExtension final Launched launched = new Launched();

  @TempDir Path dir;

  @BeforeAll
  static void startServer() throws InterruptedException {
    server = SHARED.nettool(new NettoolProcess.Spec(List.of("http-server", "--port", "0")).paranoidLeakDetection());
    port = server.awaitPort(READY);
    base = "http://127.0.0.1:" + port;
  }

  @AfterAll
  static void stopServer() throws InterruptedException {
    try {
      stopCheckingForLeaks(SHARED, server, port);
    } finally {
      SHARED.close();
    }
  }

  /**
   * A full GC, two more requests (Netty reports a collected leak on a later allocation), SIGTERM: the
   * server exits 0 with no {@code LEAK:} and no {@code OutOfMemoryError} on stderr.
   */
  static void stopCheckingForLeaks(Launched launched, NettoolProcess p, int port) throws InterruptedException {
    p.collectGarbage(EXCHANGE);
    String url = "http://127.0.0.1:" + port + "/get";
    Peer.PeerResult r = launched.peer(new byte[0], "curl", "-sS", "--max-time", "20", "-o", "/dev/null",
        "-o", "/dev/null", url, url).await(EXCHANGE);
    assertThat(r.exitCode()).as(r.describe()).isZero();
    p.sigterm();
    assertThat(p.waitFor(EXCHANGE)).as(p.describe()).isZero();
    assertThat(p.stderrLines()).as("Netty leak reports or OutOfMemoryError on stderr")
        .noneMatch(l -> l.contains("LEAK:") || l.contains("OutOfMemoryError"));
  }

  @Test
  void curlKeepsASessionInItsCookieJarAndATamperedCookieStartsANewOne() throws Exception {
    String jar = dir.resolve("jar.txt").toString();

    Map<String, Object> first = json(curl("-c", jar, "-b", jar, base + "/session"));
    Map<String, Object> again = json(curl("-c", jar, "-b", jar, base + "/session"));
    Map<String, Object> forged = json(curl("-b", "session_id=" + first.get("id") + ".bm90LXRoZS1zaWduYXR1cmU",
        base + "/session"));
    Map<String, Object> ended = json(curl("-X", "DELETE", "-c", jar, "-b", jar, base + "/session"));
    Map<String, Object> afterEnd = json(curl("-c", jar, "-b", jar, base + "/session"));

    assertThat(first).containsEntry("session", "first").containsEntry("visits", 1);
    assertThat(again).containsEntry("session", "again").containsEntry("visits", 2)
        .containsEntry("id", first.get("id"));
    assertThat(forged).as("a bad signature is no session").containsEntry("session", "first")
        .doesNotContainEntry("id", first.get("id"));
    assertThat(ended).isEqualTo(Map.of("session", "ended"));
    assertThat(afterEnd).containsEntry("session", "first").doesNotContainEntry("id", first.get("id"));
  }

  @Test
  void nodeSendsTheSessionCookieBackByHandAndIsSeenAgain() throws Exception {
    List<Map<String, Object>> answers = jsonLines(peer("node", Peer.script("http-session.js"), String.valueOf(port)));

    assertThat(answers).hasSize(2).allSatisfy(a -> assertThat(a).containsEntry("status", 200));
    Map<String, Object> first = map(answers.get(0).get("body"));
    assertThat(first).containsEntry("session", "first").containsEntry("visits", 1);
    assertThat((String) answers.get(0).get("cookie")).startsWith("session_id=" + first.get("id") + ".");
    assertThat(map(answers.get(1).get("body"))).containsEntry("session", "again").containsEntry("visits", 2)
        .containsEntry("id", first.get("id"));
  }

  @Test
  void curlReadsFiveJsonLinesFromAStream() throws Exception {
    List<Map<String, Object>> lines = jsonLines(curl("-N", base + "/stream/5?x=1"));

    assertThat(lines).extracting(l -> l.get("id")).containsExactly(0, 1, 2, 3, 4);
    assertThat(lines).allSatisfy(l -> assertThat(l).containsEntry("args", Map.of("x", "1"))
        .containsEntry("url", base + "/stream/5?x=1"));
  }

  @Test
  void nodeReadsServerSentEventsInOrderAndPaced() throws Exception {
    List<Map<String, Object>> lines = jsonLines(peer("node", Peer.script("http-sse.js"), String.valueOf(port),
        "/sse?count=3&delay=100ms"));

    assertThat(lines).hasSize(5);
    assertThat(lines.get(0)).isEqualTo(Map.of("status", 200, "type", "text/event-stream"));
    List<Map<String, Object>> events = lines.subList(1, 4);
    assertThat(events).extracting(e -> e.get("id") + " " + e.get("event"))
        .containsExactly("0 ping", "1 ping", "2 ping");
    List<Long> stamps = new ArrayList<>();
    for (int i = 0; i < events.size(); i++) {
      Map<String, Object> data = json((String) events.get(i).get("data"));
      assertThat(data).containsEntry("id", i);
      stamps.add(((Number) data.get("timestamp")).longValue());
    }
    assertThat(stamps.get(2) - stamps.get(0)).as("server clock: two 100 ms delays between the first and the last")
        .isGreaterThanOrEqualTo(190);
    assertThat(lines.get(4)).isEqualTo(Map.of("end", true, "rest", ""));
  }

  @Test
  void curlGetsTheRangeItAsksForAnd416PastTheEnd() throws Exception {
    String partial = curl("-i", "-r", "10-19", base + "/range/100");
    String past = curl("-o", "/dev/null", "-w", "%{http_code}", "-r", "200-", base + "/range/100");

    assertThat(partial).startsWith("HTTP/1.1 206 Partial Content\r\n")
        .containsIgnoringCase("content-range: bytes 10-19/100\r\n").endsWith("\r\n\r\nklmnopqrst");
    assertThat(past).isEqualTo("416");
  }

  @Test
  void curlGetsSeededBytesRepeatablyADripAndAnUnstable500() throws Exception {
    Peer.PeerResult once = curlResult(base + "/bytes/64?seed=7");
    Peer.PeerResult twice = curlResult(base + "/bytes/64?seed=7");
    String drip = curl("-w", " %{http_code}", base + "/drip?numbytes=5&duration=1&delay=0");
    String unstable = curl("-o", "/dev/null", "-w", "%{http_code}", base + "/unstable?failure_rate=1");

    assertThat(once.length()).isEqualTo(64);
    assertThat(twice.bytes()).as("the same seed, the same bytes").isEqualTo(once.bytes());
    assertThat(drip).isEqualTo("***** 200");
    assertThat(unstable).isEqualTo("500");
  }

  @Test
  void curlWaitsAtLeastASecondForDelayOne() throws Exception {
    long start = System.nanoTime();
    Map<String, Object> answer = json(curl(base + "/delay/1"));
    long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

    assertThat(tookMillis).as("the answer came after the delay").isGreaterThanOrEqualTo(900);
    assertThat(answer).containsEntry("url", base + "/delay/1");
  }

  @Test
  void curlWalksAnItemThroughCreateReadReplacePatchAndDelete() throws Exception {
    String created = curl("-i", "-H", "Content-Type: application/json", "--data-binary",
        "{\"name\":\"pen\",\"qty\":2}", base + "/items");
    String location = created.lines().filter(l -> l.toLowerCase(Locale.ROOT).startsWith("location: "))
        .findFirst().orElseThrow(() -> new AssertionError("no Location in " + created)).substring(10);
    String item = base + location;
    Map<String, Object> id = Map.of("id", json(created.substring(created.indexOf("\r\n\r\n") + 4)).get("id"));

    Map<String, Object> read = json(curl(item));
    Map<String, Object> replaced = json(curl("-X", "PUT", "-H", "Content-Type: application/json",
        "--data-binary", "{\"name\":\"ink\"}", item));
    Map<String, Object> patched = json(curl("-X", "PATCH", "-H", "Content-Type: application/json",
        "--data-binary", "{\"qty\":5}", item));
    String deleted = curl("-X", "DELETE", "-o", "/dev/null", "-w", "%{http_code}", item);
    String gone = curl("-o", "/dev/null", "-w", "%{http_code}", item);
    String wrongMethod = curl("-i", "-X", "POST", item);

    assertThat(created).startsWith("HTTP/1.1 201 Created\r\n");
    assertThat(location).matches("/items/\\d+");
    assertThat(read).isEqualTo(merged(id, Map.of("name", "pen", "qty", 2)));
    assertThat(replaced).as("PUT replaces the whole item").isEqualTo(merged(id, Map.of("name", "ink")));
    assertThat(patched).as("PATCH merges").isEqualTo(merged(id, Map.of("name", "ink", "qty", 5)));
    assertThat(deleted).isEqualTo("204");
    assertThat(gone).isEqualTo("404");
    assertThat(wrongMethod).startsWith("HTTP/1.1 405 Method Not Allowed\r\n")
        .containsIgnoringCase("allow: GET, HEAD, PUT, PATCH, DELETE, OPTIONS\r\n");
  }

  @Test
  void nodeAgentSendsTwentyRequestsOverOneKeptAliveSocket() throws Exception {
    List<String> command = new ArrayList<>(List.of("node", Peer.script("http-keepalive.js"), String.valueOf(port)));
    for (int i = 0; i < 20; i++) {
      command.add("/get?n=" + i);
    }

    String[] lines = peer(command.toArray(String[]::new)).split("\n");

    assertThat(lines).hasSize(20).allMatch(l -> l.startsWith("200 local-port="));
    assertThat(Arrays.stream(lines).distinct()).as("one local port: one connection").hasSize(1);
  }

  @Test
  void pythonHttpClientGetsItsJsonBodyEchoedByAnything() throws Exception {
    String sent = "{\"name\": \"nettool\", \"tags\": [\"a\", \"b\"], \"n\": 2.5, \"ok\": true, \"none\": null}";
    String request = JSON.std.asString(List.of("POST", "/anything/items?q=1",
        Map.of("Content-Type", "application/json"), sent));

    Peer.PeerResult py = launched.peer((request + "\n" + request + "\n").getBytes(StandardCharsets.UTF_8),
        "python3", Peer.script("httpbin_client.py"), "127.0.0.1", String.valueOf(port)).await(EXCHANGE);

    assertThat(py.exitCode()).as(py.describe()).isZero();
    List<Map<String, Object>> answers = jsonLines(py.text());
    assertThat(answers).hasSize(2).allSatisfy(a -> assertThat(a).containsEntry("status", 200));
    assertThat(answers).extracting(a -> a.get("socket")).as("one keep-alive connection").containsOnly(1);
    Map<String, Object> echo = json((String) answers.get(1).get("body"));
    assertThat(echo.get("json")).isEqualTo(JSON.std.mapFrom(sent));
    assertThat(echo).containsEntry("method", "POST").containsEntry("args", Map.of("q", "1"));
  }

  @Test
  void closesAClientThatStopsReadingAfterTheSendTimeoutAndServesOthersMeanwhile() throws Exception {
    Path root = Files.createDirectories(dir.resolve("root"));
    byte[] block = new byte[1 << 20];
    Random random = new Random(5);
    try (var out = Files.newOutputStream(root.resolve("big.bin"))) {
      for (int i = 0; i < 64; i++) {
        random.nextBytes(block);
        out.write(block);
      }
    }
    NettoolProcess small = launched.nettool(new NettoolProcess.Spec(List.of("http-server", "--port", "0",
        "--dir", root.toString(), "--send-timeout", "1s")).jvmOptions("-Xmx64m").paranoidLeakDetection());
    int smallPort = small.awaitPort(READY);

    Peer stalled = launched.peer(null, "python3", Peer.script("http_stalled_reader.py"), "127.0.0.1",
        String.valueOf(smallPort), "/big.bin");
    stalled.awaitStdout("^sent$", EXCHANGE);
    Peer.PeerResult other = launched.peer(new byte[0], "curl", "-sS", "--max-time", "20", "-o", "/dev/null",
        "-w", "%{http_code} %{size_download}", "http://127.0.0.1:" + smallPort + "/big.bin").await(EXCHANGE);
    small.awaitEvent("timeout #\\d+ send 1\\.00s", EXCHANGE);
    stalled.writeStdin("read\n".getBytes(StandardCharsets.US_ASCII));
    Peer.PeerResult seen = stalled.await(EXCHANGE);

    assertThat(other.text()).as("curl, while the other client stalls: " + other.describe())
        .isEqualTo("200 " + (64 << 20));
    assertThat(seen.exitCode()).as(seen.describe()).isZero();
    List<String> report = seen.text().lines().toList();
    assertThat(report).as(seen.describe()).hasSize(4);
    assertThat(report.get(1)).isEqualTo("HTTP/1.1 200 OK");
    assertThat(report.get(2)).as("the server ended the connection").isIn("end closed", "end reset");
    assertThat(Long.parseLong(report.get(3).substring("bytes ".length()))).as("cut short")
        .isLessThan(64L << 20);
    stopCheckingForLeaks(launched, small, smallPort);
  }

  private String curl(String... args) throws InterruptedException {
    return curlResult(args).text();
  }

  private Peer.PeerResult curlResult(String... args) throws InterruptedException {
    List<String> cmd = new ArrayList<>(List.of("curl", "-sS", "--max-time", "20"));
    cmd.addAll(List.of(args));
    Peer.PeerResult r = launched.peer(new byte[0], cmd.toArray(String[]::new)).await(EXCHANGE);
    assertThat(r.exitCode()).as(r.describe()).isZero();
    return r;
  }

  private String peer(String... command) throws InterruptedException {
    Peer.PeerResult r = launched.peer(new byte[0], command).await(EXCHANGE);
    assertThat(r.exitCode()).as(r.describe()).isZero();
    return r.text();
  }

  private static Map<String, Object> merged(Map<String, Object> a, Map<String, Object> b) {
    Map<String, Object> m = new HashMap<>(a);
    m.putAll(b);
    return m;
  }

  private static Map<String, Object> json(String text) throws IOException {
    return JSON.std.mapFrom(text);
  }

  private static List<Map<String, Object>> jsonLines(String text) throws IOException {
    List<Map<String, Object>> out = new ArrayList<>();
    for (String line : text.split("\n")) {
      if (!line.isBlank()) {
        out.add(json(line));
      }
    }
    return out;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object o) {
    return (Map<String, Object>) o;
  }
}
