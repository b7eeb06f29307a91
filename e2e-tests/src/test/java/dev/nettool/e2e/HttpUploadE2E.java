package dev.nettool.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code nettool http-server --upload-dir} as a process with a 64 MB heap and Netty's leak detection at
 * paranoid: raw, chunked and multipart uploads from curl and python3's {@code http.client}, each file
 * hashed and saved byte-exact, and a body over {@code --max-body} refused without a file left behind.
 * One server (bodies up to 300 MB) serves the class; the limit test starts its own.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class HttpUploadE2E {
  static final Duration READY = Duration.ofSeconds(30);
  static final Duration EXCHANGE = Duration.ofSeconds(60);
  private static final Launched SHARED = new Launched();
  private static NettoolProcess server;
  private static String base;
  private static int port;

  @TempDir static Path uploads;

  @RegisterExtension final Launched launched = new Launched();

  @TempDir Path dir;

  @BeforeAll
  static void startServer() throws InterruptedException {
    server = SHARED.nettool(new NettoolProcess.Spec(List.of("http-server", "--port", "0", "--upload-dir",
        uploads.toString(), "--max-body", "300MB")).jvmOptions("-Xmx64m").paranoidLeakDetection());
    port = server.awaitPort(READY);
    base = "http://127.0.0.1:" + port;
  }

  @AfterAll
  static void stopServer() throws InterruptedException {
    try {
      HttpStreamsE2E.stopCheckingForLeaks(SHARED, server, port);
    } finally {
      SHARED.close();
    }
  }

  @Test
  void curlStreamsA200MegabyteBodyIntoA64MegabyteHeapAndItIsSavedByteExact() throws Exception {
    Path file = dir.resolve("big.bin");
    String sha256 = writeRandom(file, 200_000_000L, 200);

    Map<String, Object> saved = onlyFile(json(curl("--data-binary", "@" + file, base + "/upload?filename=big.bin")));

    assertThat(saved).containsEntry("filename", "big.bin").containsEntry("size", 200_000_000)
        .containsEntry("sha256", sha256);
    assertThat(Files.mismatch(Path.of((String) saved.get("saved")), file)).as("saved file equals the sent one")
        .isEqualTo(-1L);
  }

  @Test
  void curlSendsAChunkedBodyThatIsHashedAndSaved() throws Exception {
    Path file = dir.resolve("chunked.bin");
    String sha256 = writeRandom(file, 12_345_678L, 12);

    Map<String, Object> saved = onlyFile(json(curl("-H", "Transfer-Encoding: chunked", "--data-binary", "@" + file,
        base + "/upload?filename=chunked.bin")));

    assertThat(saved).containsEntry("size", 12_345_678).containsEntry("sha256", sha256);
    assertThat(Files.mismatch(Path.of((String) saved.get("saved")), file)).isEqualTo(-1L);
  }

  @Test
  void curlMultipartUploadAnswersEachPartWithItsHash() throws Exception {
    Path file = dir.resolve("a.bin");
    String sha256 = writeRandom(file, 300_000L, 3);

    Map<String, Object> answer = json(curl("-F", "file=@" + file, "-F", "note=hi", base + "/upload"));

    List<Map<String, Object>> files = files(answer);
    assertThat(files).hasSize(2);
    assertThat(files.get(0)).containsEntry("field", "file").containsEntry("filename", "a.bin")
        .containsEntry("size", 300_000).containsEntry("sha256", sha256);
    assertThat(Files.mismatch(Path.of((String) files.get(0).get("saved")), file)).isEqualTo(-1L);
    assertThat(files.get(1)).containsEntry("field", "note").containsEntry("size", 2)
        .containsEntry("sha256", sha256("hi".getBytes(StandardCharsets.UTF_8))).containsEntry("saved", null);
  }

  @Test
  void pythonHttpClientUploadsInChunksAndTheHashMatches() throws Exception {
    Path file = dir.resolve("py.bin");
    String sha256 = writeRandom(file, 3_000_000L, 31);

    Peer.PeerResult py = launched.peer(new byte[0], "python3", Peer.script("http_chunked_upload.py"), "127.0.0.1",
        String.valueOf(port), "/upload?filename=py.bin", file.toString(), "65536").await(EXCHANGE);

    assertThat(py.exitCode()).as(py.describe()).isZero();
    Map<String, Object> result = json(py.text());
    assertThat(result).containsEntry("status", 201);
    Map<String, Object> saved = onlyFile(json((String) result.get("body")));
    assertThat(saved).containsEntry("size", 3_000_000).containsEntry("sha256", sha256);
    assertThat(Files.mismatch(Path.of((String) saved.get("saved")), file)).isEqualTo(-1L);
  }

  @Test
  void refusesBodiesOverMaxBodyWith413AndLeavesNoPartialFile() throws Exception {
    Path limitedDir = Files.createDirectories(dir.resolve("limited"));
    // One event loop: the refused connection's end (which discards its file) runs before the next upload.
    NettoolProcess limitedServer = launched.nettool(new NettoolProcess.Spec(List.of("http-server", "--port", "0",
        "--threads", "1", "--upload-dir", limitedDir.toString(), "--max-body", "1MB")).paranoidLeakDetection());
    int limited = limitedServer.awaitPort(READY);
    String url = "http://127.0.0.1:" + limited + "/upload";
    Path big = dir.resolve("over.bin");
    writeRandom(big, 4_000_000L, 4);
    Path small = dir.resolve("small.bin");
    String smallSha = writeRandom(small, 1000L, 1);

    // curl may see the close before it has sent everything; the status it read is what counts.
    String declared = launched.peer(new byte[0], "curl", "-s", "--max-time", "20", "-o", "/dev/null", "-w",
        "%{http_code}", "--data-binary", "@" + big, url + "?filename=declared.bin").await(EXCHANGE).text();
    String chunked = launched.peer(new byte[0], "curl", "-s", "--max-time", "20", "-o", "/dev/null", "-w",
        "%{http_code}", "-H", "Transfer-Encoding: chunked", "--data-binary", "@" + big,
        url + "?filename=chunked.bin").await(EXCHANGE).text();
    // The disk thread runs in order: once this upload is saved, the refused ones are cleaned up.
    Map<String, Object> after = onlyFile(json(curl("--data-binary", "@" + small, url + "?filename=small.bin")));

    assertThat(declared).as("Content-Length over the limit").isEqualTo("413");
    assertThat(chunked).as("chunked body passing the limit").isEqualTo("413");
    assertThat(after).containsEntry("sha256", smallSha);
    try (Stream<Path> left = Files.list(limitedDir)) {
      assertThat(left.map(p -> p.getFileName().toString())).as("no partial upload left")
          .containsExactly("small.bin");
    }
    HttpStreamsE2E.stopCheckingForLeaks(launched, limitedServer, limited);
  }

  /** Writes {@code size} bytes of {@code new Random(seed)} a block at a time; returns their SHA-256. */
  private static String writeRandom(Path file, long size, long seed) throws IOException {
    MessageDigest sha = sha256();
    Random random = new Random(seed);
    byte[] block = new byte[1 << 20];
    try (OutputStream out = new DigestOutputStream(Files.newOutputStream(file), sha)) {
      for (long left = size; left > 0; left -= block.length) {
        random.nextBytes(block);
        out.write(block, 0, (int) Math.min(block.length, left));
      }
    }
    return HexFormat.of().formatHex(sha.digest());
  }

  private static String sha256(byte[] bytes) {
    return HexFormat.of().formatHex(sha256().digest(bytes));
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private String curl(String... args) throws InterruptedException {
    List<String> cmd = new ArrayList<>(List.of("curl", "-sS", "--max-time", "50"));
    cmd.addAll(List.of(args));
    Peer.PeerResult r = launched.peer(new byte[0], cmd.toArray(String[]::new)).await(EXCHANGE);
    assertThat(r.exitCode()).as(r.describe()).isZero();
    return r.text();
  }

  private static Map<String, Object> onlyFile(Map<String, Object> answer) {
    List<Map<String, Object>> files = files(answer);
    assertThat(files).as(answer.toString()).hasSize(1);
    return files.get(0);
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> files(Map<String, Object> answer) {
    return (List<Map<String, Object>>) answer.get("files");
  }

  private static Map<String, Object> json(String text) throws IOException {
    return JSON.std.mapFrom(text);
  }
}
