package dev.nettool.servers.http;

import static io.netty.handler.codec.http.HttpMethod.POST;
import static io.netty.handler.codec.http.HttpMethod.PUT;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.jr.ob.JSON;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayDeque;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(20)
class HttpUploadRoutesTest {
  private static final String BOUNDARY = "----nettoolBoundary7";

  @TempDir Path dir;

  // The disk thread, run by hand: the test decides when the disk catches up.
  private final Queue<Runnable> disk = new ArrayDeque<>();

  @Test
  void aRawBodyIsHashedAndCountedWithoutBeingSaved() throws Exception {
    byte[] data = random(30_000);
    HttpRouteProbe.Call c = upload(config(null), "/upload", null, data, 4096);
    assertThat(c.status()).isEqualTo(200);
    assertThat(files(c)).containsExactly(file(null, "upload.bin", data, null));
    assertThat(answer(c)).containsEntry("bytes", 30_000);
    c.finish();
  }

  @Test
  void aRawBodyIsSavedUnderItsSanitizedNameAndASecondOneGetsAFreeName() throws Exception {
    byte[] data = random(100_000);
    HttpRouteProbe.Call first = upload(config(dir), "/upload?filename=../../etc/passwd", null, data, 8192);
    assertThat(first.status()).isEqualTo(201);
    assertThat(files(first)).containsExactly(file(null, "passwd", data, dir.resolve("passwd").toString()));
    assertThat(Files.readAllBytes(dir.resolve("passwd"))).isEqualTo(data);
    HttpRouteProbe.Call second = upload(config(dir), "/upload?filename=passwd", null, random(10), 8192);
    assertThat(files(second).get(0)).containsEntry("saved", dir.resolve("passwd-1").toString());
    first.finish();
    second.finish();
  }

  @Test
  void putUploadsToo() throws Exception {
    HttpRouteProbe.Call c = upload(config(null), "/upload", null, random(5), 5);
    HttpRouteProbe.Call p = new HttpRouteProbe(HttpUploadRoutes.withDiskThread(), config(null)).call(PUT, "/upload");
    p.sink.end();
    assertThat(p.drain().status()).isEqualTo(200);
    assertThat(files(p)).containsExactly(file(null, "upload.bin", new byte[0], null));
    c.finish();
    p.finish();
  }

  @Test
  void readingPausesWhileOverAMegabyteWaitsForTheDiskAndResumesOnceItCaughtUp() throws Exception {
    HttpRouteProbe.Call c = probe(config(dir)).call(POST, "/upload");
    byte[] chunk = random(64 << 10);
    for (int i = 0; i < 16; i++) {
      feed(c, chunk);
    }
    assertThat(c.channel.config().isAutoRead()).as("1 MB queued is still fine").isTrue();
    feed(c, chunk);
    assertThat(c.channel.config().isAutoRead()).as("paused past 1 MB").isFalse();
    runDisk(c);
    assertThat(c.channel.config().isAutoRead()).as("resumed once written").isTrue();
    c.sink.end();
    runDisk(c);
    assertThat(c.status()).isEqualTo(201);
    assertThat(Files.size(dir.resolve("upload.bin"))).isEqualTo(17L << 16);
    c.finish();
  }

  @Test
  void multipartPartsAreHashedEachAndFilesSavedWhateverTheChunking() throws Exception {
    byte[] big = random(5_000);
    byte[] small = "hello\r\n--not-the-boundary\r\n".getBytes(StandardCharsets.UTF_8);
    byte[] body = multipart(List.of(
        new String[] {"name=\"note\"", "just text"},
        new String[] {"name=\"a\"; filename=\"C:\\\\Users\\\\me\\\\big.bin\"", null},
        new String[] {"name=\"b\"; filename=\"small.txt\"", null}), big, small);
    for (int chunk : new int[] {1, 7, 8192, body.length}) {
      Path where = Files.createTempDirectory(dir, "c" + chunk);
      HttpRouteProbe.Call c = upload(config(where), "/upload", "multipart/form-data; boundary=\"" + BOUNDARY + "\"",
          body, chunk);
      assertThat(c.status()).as("chunks of %d", chunk).isEqualTo(201);
      assertThat(files(c)).as("chunks of %d", chunk).containsExactly(
          file("note", null, "just text".getBytes(StandardCharsets.UTF_8), null),
          file("a", "big.bin", big, where.resolve("big.bin").toString()),
          file("b", "small.txt", small, where.resolve("small.txt").toString()));
      assertThat(Files.readAllBytes(where.resolve("big.bin"))).isEqualTo(big);
      c.finish();
    }
  }

  @Test
  void theMultipartParserHoldsNoMoreThanAChunkAndADelimiter() throws Exception {
    byte[] big = random(2 << 20);
    byte[] body = multipart(List.<String[]>of(new String[] {"name=\"f\"; filename=\"f\"", null}), big);
    long[] seen = new long[1];
    int[] most = new int[1];
    HttpMultipartParser parser = new HttpMultipartParser(BOUNDARY, new HttpMultipartParser.Listener() {
      @Override
      public void partStart(Map<String, String> headers) {}

      @Override
      public void partData(ByteBuf data) {
        seen[0] += data.readableBytes();
      }

      @Override
      public void partEnd() {}
    });
    for (int at = 0; at < body.length; at += 8192) {
      ByteBuf b = Unpooled.wrappedBuffer(body, at, Math.min(8192, body.length - at));
      parser.feed(b);
      b.release();
      most[0] = Math.max(most[0], parser.buffered());
    }
    assertThat(parser.complete()).isTrue();
    assertThat(seen[0]).isEqualTo(big.length);
    assertThat(most[0]).as("bytes held between chunks").isLessThanOrEqualTo(BOUNDARY.length() + 4);
    parser.release();
  }

  @Test
  void aBodyOverMaxBodyIs413AndItsPartialFileIsDeleted() throws Exception {
    HttpServerConfig config = HttpServerConfig.builder().uploadDir(dir).maxBody(10_000).build();
    HttpRouteProbe.Call c = probe(config).call(POST, "/upload?filename=big");
    feed(c, random(6000));
    runDisk(c);
    assertThat(dir.resolve("big")).exists();
    feed(c, random(6000));
    runDisk(c);
    assertThat(c.status()).isEqualTo(413);
    assertThat(c.channel.isOpen()).as("closed after the 413").isFalse();
    assertThat(dir).isEmptyDirectory();
    c.finish();
  }

  @Test
  void anAbortedUploadLeavesNoFile() throws Exception {
    HttpRouteProbe.Call c = probe(config(dir)).call(POST, "/upload");
    feed(c, random(6000));
    c.sink.abort(new java.nio.channels.ClosedChannelException());
    runDisk(c);
    assertThat(dir).isEmptyDirectory();
    assertThat(c.head).isNull();
    c.finish();
  }

  @Test
  void aMultipartBodyWithoutItsClosingBoundaryIs400() throws Exception {
    byte[] body = ("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"x\"\r\n\r\ncut sh")
        .getBytes(StandardCharsets.UTF_8);
    HttpRouteProbe.Call c = upload(config(dir), "/upload", "multipart/form-data; boundary=" + BOUNDARY, body, 10);
    assertThat(c.status()).isEqualTo(400);
    assertThat(c.text()).contains("closing boundary");
    c.finish();
  }

  @Test
  void multipartWithoutABoundaryIs400AtOnce() throws Exception {
    HttpRouteProbe.Call c = probe(config(null)).call(POST, "/upload", "", "Content-Type", "multipart/form-data");
    assertThat(c.drain().status()).isEqualTo(400);
    feed(c, random(10));
    c.sink.end();
    assertThat(c.drain().text()).contains("boundary");
    c.finish();
  }

  @Test
  void contentDispositionParametersAreUnquoted() {
    assertThat(HttpMultipartParser.parameters("form-data; name=\"a;b\"; filename=\"x\\\"y.txt\"; size=3"))
        .containsExactly(Map.entry("name", "a;b"), Map.entry("filename", "x\"y.txt"), Map.entry("size", "3"));
    assertThat(HttpMultipartParser.boundary("Multipart/Form-Data; charset=utf-8; boundary=abc")).isEqualTo("abc");
    assertThat(HttpMultipartParser.boundary("text/plain; boundary=abc")).isNull();
  }

  private HttpRouteProbe probe(HttpServerConfig config) {
    return new HttpRouteProbe(new HttpUploadRoutes(disk::add), config);
  }

  private HttpServerConfig config(Path uploadDir) {
    return HttpServerConfig.builder().uploadDir(uploadDir).build();
  }

  private HttpRouteProbe.Call upload(HttpServerConfig config, String uri, String type, byte[] body, int chunk)
      throws Exception {
    HttpRouteProbe.Call c = type == null ? probe(config).call(POST, uri) : probe(config).call(POST, uri, "",
        "Content-Type", type);
    for (int at = 0; at < body.length; at += chunk) {
      feed(c, java.util.Arrays.copyOfRange(body, at, Math.min(body.length, at + chunk)));
    }
    c.sink.end();
    runDisk(c);
    return c;
  }

  // As the server does: the chunk is the sink's only during the call.
  private static void feed(HttpRouteProbe.Call c, byte[] bytes) throws Exception {
    ByteBuf b = Unpooled.copiedBuffer(bytes);
    c.sink.content(b);
    b.release();
  }

  private void runDisk(HttpRouteProbe.Call c) {
    for (Runnable r; (r = disk.poll()) != null; ) {
      r.run();
    }
    c.drain();
  }

  private static byte[] multipart(List<String[]> parts, byte[]... files) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes("preamble to ignore\r\n".getBytes(StandardCharsets.UTF_8));
    int f = 0;
    for (String[] p : parts) {
      out.writeBytes(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; " + p[0] + "\r\n\r\n")
          .getBytes(StandardCharsets.UTF_8));
      out.writeBytes(p[1] != null ? p[1].getBytes(StandardCharsets.UTF_8) : files[f++]);
      out.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
    }
    out.writeBytes(("--" + BOUNDARY + "--\r\nepilogue").getBytes(StandardCharsets.UTF_8));
    return out.toByteArray();
  }

  private static Map<String, Object> answer(HttpRouteProbe.Call c) throws Exception {
    return JSON.std.mapFrom(c.text());
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> files(HttpRouteProbe.Call c) throws Exception {
    return (List<Map<String, Object>>) answer(c).get("files");
  }

  private static Map<String, Object> file(String field, String filename, byte[] data, String saved) throws Exception {
    Map<String, Object> m = new java.util.LinkedHashMap<>();
    m.put("field", field);
    m.put("filename", filename);
    m.put("size", data.length);
    m.put("sha256", HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data)));
    m.put("saved", saved);
    return m;
  }

  private static byte[] random(int n) {
    byte[] b = new byte[n];
    new Random(n).nextBytes(b);
    return b;
  }
}
