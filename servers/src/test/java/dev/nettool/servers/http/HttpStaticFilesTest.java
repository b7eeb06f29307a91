package dev.nettool.servers.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.DefaultFileRegion;
import io.netty.handler.codec.DateFormatter;
import io.netty.handler.codec.http.HttpMethod;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(10)
class HttpStaticFilesTest {
  private static final Instant MTIME = Instant.parse("2024-05-06T07:08:09Z");
  private static final String HELLO = "hello, static world\n";

  @TempDir Path tmp;
  Path root;

  @BeforeEach
  void files() throws Exception {
    root = Files.createDirectories(tmp.resolve("root"));
    Files.writeString(root.resolve("hello.txt"), HELLO);
    Files.setLastModifiedTime(root.resolve("hello.txt"), FileTime.from(MTIME));
    Files.createDirectories(root.resolve("site"));
    Files.writeString(root.resolve("site/index.html"), "<h1>site</h1>");
    Files.createDirectories(root.resolve("empty"));
  }

  private HttpServerConfig.Builder config() {
    return HttpServerConfig.builder().mounts(List.of(new HttpMount("/", root)));
  }

  private HttpStaticExchanges.Written get(HttpServerConfig config, String uri, Map<String, String> headers)
      throws Exception {
    return run(config, HttpMethod.GET, uri, headers, false);
  }

  private HttpStaticExchanges.Written get(String uri, String... headerPairs) throws Exception {
    Map<String, String> headers = new java.util.LinkedHashMap<>();
    for (int i = 0; i < headerPairs.length; i += 2) {
      headers.put(headerPairs[i], headerPairs[i + 1]);
    }
    return get(config().build(), uri, headers);
  }

  static HttpStaticExchanges.Written run(HttpServerConfig config, HttpMethod method, String uri,
      Map<String, String> headers, boolean secure) throws Exception {
    HttpStaticFiles files = new HttpStaticFiles(config, Runnable::run);
    HttpRouteTable table = HttpRouteTable.builder().addAll(files.prefixMounts()).addAll(files.rootMount()).build();
    return HttpStaticExchanges.run(table, config, method, uri, headers, secure);
  }

  @Test
  void sendsAFileAsOneZeroCopyRegionWithItsTypeLengthAndValidators() throws Exception {
    var r = get("/hello.txt");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.header("Content-Type")).isEqualTo("text/plain; charset=utf-8");
    assertThat(r.header("Content-Length")).isEqualTo(String.valueOf(HELLO.length()));
    assertThat(r.header("Last-Modified")).isEqualTo("Mon, 06 May 2024 07:08:09 GMT");
    assertThat(r.header("ETag")).isEqualTo("\"" + Long.toHexString(HELLO.length()) + "-"
        + Long.toHexString(MTIME.toEpochMilli()) + "\"");
    assertThat(r.header("Accept-Ranges")).isEqualTo("bytes");
    assertThat(r.header("Cache-Control")).isNull();
    assertThat(r.bodyObject()).as("body message type").isEqualTo(DefaultFileRegion.class);
    assertThat(r.chunkedWriter()).as("no ChunkedWriteHandler for a region").isFalse();
    assertThat(r.regionPosition()).isZero();
    assertThat(r.regionCount()).isEqualTo(HELLO.length());
    assertThat(r.text()).isEqualTo(HELLO);
    assertThat(r.ended()).as("response ends with the last content").isTrue();
  }

  @Test
  void sendsChunksInsteadOfARegionOverASecureConnection() throws Exception {
    var r = run(config().build(), HttpMethod.GET, "/hello.txt", Map.of("Range", "bytes=7-"), true);
    assertThat(r.status()).isEqualTo(206);
    assertThat(r.chunkedWriter()).as("a ChunkedWriteHandler was put in for the file").isTrue();
    assertThat(r.bodyObject()).as("no region nor other non-HTTP body message").isNull();
    assertThat(r.text()).isEqualTo(HELLO.substring(7));
    assertThat(r.ended()).as("the chunks end the response").isTrue();
  }

  @Test
  void answersHeadWithTheHeadersOfGetAndNoBody() throws Exception {
    var r = run(config().build(), HttpMethod.HEAD, "/hello.txt", Map.of("Range", "bytes=0-1"), false);
    assertThat(r.status()).as("Range applies to GET only").isEqualTo(200);
    assertThat(r.header("Content-Length")).isEqualTo(String.valueOf(HELLO.length()));
    assertThat(r.bodyObject()).isNull();
    assertThat(r.body()).isEmpty();
    assertThat(r.ended()).isTrue();
  }

  @Test
  void answers304WhenTheETagMatches() throws Exception {
    String etag = get("/hello.txt").header("ETag");
    var r = get("/hello.txt", "If-None-Match", "\"other\", W/" + etag);
    assertThat(r.status()).isEqualTo(304);
    assertThat(r.header("ETag")).isEqualTo(etag);
    assertThat(r.body()).isEmpty();
    assertThat(r.bodyObject()).isNull();
    assertThat(get("/hello.txt", "If-None-Match", "\"other\"").status()).isEqualTo(200);
  }

  @Test
  void answers304WhenNotModifiedSinceTheGivenDate() throws Exception {
    assertThat(get("/hello.txt", "If-Modified-Since", "Mon, 06 May 2024 07:08:09 GMT").status()).isEqualTo(304);
    assertThat(get("/hello.txt", "If-Modified-Since", "Mon, 06 May 2024 07:08:08 GMT").status()).isEqualTo(200);
    assertThat(get("/hello.txt", "If-Modified-Since", "yesterday").status()).isEqualTo(200);
  }

  @Test
  void letsIfNoneMatchWinOverIfModifiedSince() throws Exception {
    var r = get("/hello.txt", "If-None-Match", "\"other\"", "If-Modified-Since", DateFormatter.format(new Date()));
    assertThat(r.status()).isEqualTo(200);
  }

  @Test
  void sendsOneByteRangeAsPartialContent() throws Exception {
    var r = get("/hello.txt", "Range", "bytes=2-5");
    assertThat(r.status()).isEqualTo(206);
    assertThat(r.header("Content-Range")).isEqualTo("bytes 2-5/" + HELLO.length());
    assertThat(r.header("Content-Length")).isEqualTo("4");
    assertThat(r.regionPosition()).isEqualTo(2);
    assertThat(r.regionCount()).isEqualTo(4);
    assertThat(r.text()).isEqualTo("llo,");
    assertThat(get("/hello.txt", "Range", "bytes=-6").text()).isEqualTo("world\n");
  }

  @Test
  void answers416WithTheSizeForARangePastTheEnd() throws Exception {
    var r = get("/hello.txt", "Range", "bytes=500-");
    assertThat(r.status()).isEqualTo(416);
    assertThat(r.header("Content-Range")).isEqualTo("bytes */" + HELLO.length());
  }

  @Test
  void sendsTheWholeFileForSeveralRanges() throws Exception {
    var r = get("/hello.txt", "Range", "bytes=0-1,4-5");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.text()).isEqualTo(HELLO);
  }

  @Test
  void honoursTheRangeOnlyWhileIfRangeStillMatches() throws Exception {
    String etag = get("/hello.txt").header("ETag");
    assertThat(get("/hello.txt", "Range", "bytes=0-1", "If-Range", etag).status()).isEqualTo(206);
    assertThat(get("/hello.txt", "Range", "bytes=0-1", "If-Range", "\"stale\"").status()).isEqualTo(200);
    assertThat(get("/hello.txt", "Range", "bytes=0-1", "If-Range", "W/" + etag).status())
        .as("a weak tag never satisfies If-Range").isEqualTo(200);
    assertThat(get("/hello.txt", "Range", "bytes=0-1", "If-Range", "Mon, 06 May 2024 07:08:09 GMT").status())
        .isEqualTo(206);
    assertThat(get("/hello.txt", "Range", "bytes=0-1", "If-Range", "Mon, 06 May 2024 07:08:10 GMT").status())
        .isEqualTo(200);
  }

  @Test
  void addsCacheControlWithMaxAge() throws Exception {
    var r = get(config().maxAge(Duration.ofMinutes(2)).build(), "/hello.txt", Map.of());
    assertThat(r.header("Cache-Control")).isEqualTo("max-age=120");
  }

  @Test
  void keepsTheCompressorAwayFromFileBodies() throws Exception {
    var r = get(config().compress(true).build(), "/hello.txt", Map.of("Accept-Encoding", "gzip"));
    assertThat(r.header("Content-Encoding")).isEqualTo("identity");
    assertThat(get("/hello.txt").header("Content-Encoding")).as("nothing to keep away").isNull();
  }

  @Test
  void namesTheFileAsAnAttachmentForDownload() throws Exception {
    assertThat(get("/hello.txt?download").header("Content-Disposition"))
        .isEqualTo("attachment; filename=\"hello.txt\"");
    Files.writeString(root.resolve("résumé \"v2\".txt"), "cv");
    assertThat(get("/r%C3%A9sum%C3%A9%20%22v2%22.txt?download=1").header("Content-Disposition"))
        .isEqualTo("attachment; filename=\"r_sum_ _v2_.txt\"; filename*=UTF-8''r%C3%A9sum%C3%A9%20%22v2%22.txt");
  }

  @Test
  void picksTheContentTypeFromTheExtension() throws Exception {
    Files.write(root.resolve("blob.bin"), new byte[] {1, 2, 3});
    Files.writeString(root.resolve("data.JSON"), "{}");
    assertThat(get("/blob.bin").header("Content-Type")).isEqualTo("application/octet-stream");
    assertThat(get("/data.JSON").header("Content-Type")).isEqualTo("application/json");
  }

  @Test
  void servesIndexHtmlForADirectory() throws Exception {
    var r = get("/site/");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.header("Content-Type")).isEqualTo("text/html; charset=utf-8");
    assertThat(r.text()).isEqualTo("<h1>site</h1>");
  }

  @Test
  void redirectsADirectoryToItsSlashFormKeepingTheQuery() throws Exception {
    var r = get("/site?a=1&b=%20");
    assertThat(r.status()).isEqualTo(301);
    assertThat(r.header("Location")).isEqualTo("/site/?a=1&b=%20");
    Files.createDirectories(root.resolve("a b"));
    assertThat(get("/a%20b").header("Location")).isEqualTo("/a%20b/");
  }

  @Test
  void refusesADirectoryWithoutIndexWhenListingIsOff() throws Exception {
    var r = get("/empty/");
    assertThat(r.status()).isEqualTo(403);
    assertThat(r.text()).contains("--list");
  }

  @Test
  void listsADirectoryWithEscapedNamesAndEncodedLinks() throws Exception {
    Path dir = Files.createDirectories(root.resolve("files"));
    Files.writeString(dir.resolve("<b>&x.txt"), "12345");
    Files.writeString(dir.resolve("a.txt"), "a");
    Files.writeString(dir.resolve(".secret"), "hidden");
    Files.createDirectories(dir.resolve("z dir"));
    var r = get(config().listDirectories(true).build(), "/files/", Map.of());
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.header("Content-Type")).isEqualTo("text/html; charset=utf-8");
    String html = r.text();
    assertThat(html).contains("<a href=\"%3Cb%3E%26x.txt\">&lt;b&gt;&amp;x.txt</a></td><td>5</td>")
        .contains("<a href=\"z%20dir/\">z dir/</a>")
        .contains("<a href=\"../\">../</a>")
        .doesNotContain("<b>")
        .doesNotContain(".secret");
    assertThat(html.indexOf("z dir/")).as("directories first").isLessThan(html.indexOf("a.txt"));
    assertThat(html.indexOf("&lt;b&gt;")).as("then names in order").isLessThan(html.indexOf("a.txt"));
  }

  @Test
  void answers404ForWhatIsNotThere() throws Exception {
    assertThat(get("/missing.txt").status()).isEqualTo(404);
    assertThat(get("/hello.txt/").status()).as("a file asked for as a directory").isEqualTo(404);
    assertThat(get("/hello.txt/more").status()).isEqualTo(404);
  }

  @Test
  void servesMountsUnderTheirPrefixAndRedirectsThePrefixItself() throws Exception {
    HttpServerConfig config = HttpServerConfig.builder()
        .mounts(List.of(new HttpMount("/docs/", root.resolve("site")), new HttpMount("/", root))).build();
    assertThat(get(config, "/docs/", Map.of()).text()).isEqualTo("<h1>site</h1>");
    assertThat(get(config, "/docs/index.html", Map.of()).text()).isEqualTo("<h1>site</h1>");
    assertThat(get(config, "/docs", Map.of()).header("Location")).isEqualTo("/docs/");
    assertThat(get(config, "/hello.txt", Map.of()).text()).isEqualTo(HELLO);
    assertThat(get(config, "/", Map.of()).status()).as("root without index, listing off").isEqualTo(403);
  }

  @Test
  void refusesSymlinksLeadingOutOfTheRootUnlessFollowingThem() throws Exception {
    Path outside = Files.writeString(tmp.resolve("outside.txt"), "outside secret");
    Files.createSymbolicLink(root.resolve("out.txt"), outside);
    Files.createSymbolicLink(root.resolve("outdir"), tmp);
    Files.createSymbolicLink(root.resolve("in.txt"), root.resolve("hello.txt"));
    assertThat(get("/out.txt").status()).isEqualTo(404);
    assertThat(get("/outdir/outside.txt").status()).isEqualTo(404);
    assertThat(get("/in.txt").text()).isEqualTo(HELLO);
    String listing = get(config().listDirectories(true).build(), "/", Map.of()).text();
    assertThat(listing).contains("in.txt").doesNotContain("out.txt").doesNotContain("outdir");
    var followed = get(config().followSymlinks(true).build(), "/out.txt", Map.of());
    assertThat(followed.text()).isEqualTo("outside secret");
  }

  @Test
  void neverServesTheContentOfAFileOutsideTheRoot() throws Exception {
    Files.writeString(tmp.resolve("secret.txt"), "outside secret");
    for (String uri : List.of("/../secret.txt", "/%2e%2e/secret.txt", "/%2E%2e/secret.txt",
        "/site/..%2f..%2fsecret.txt", "/site/%2e%2e%2f%2e%2e%2fsecret.txt", "/%252e%252e/secret.txt",
        "/site%5c..%5c..%5csecret.txt", "/site\\..\\..\\secret.txt", "//../secret.txt", "/./../secret.txt",
        "/%c0%ae%c0%ae/secret.txt", "/" + tmp.resolve("secret.txt"))) {
      var r = get(uri);
      assertThat(r.status()).as(uri).isIn(400, 404);
      assertThat(r.text()).as(uri).doesNotContain("outside secret");
    }
  }

  @Test
  void decodesNamesOnceSoAnEncodedPercentIsAPlainName() throws Exception {
    Files.writeString(root.resolve("%2e%2e"), "literal");
    assertThat(get("/%252e%252e").text()).isEqualTo("literal");
    Files.writeString(root.resolve("a+b.txt"), "plus");
    assertThat(get("/a+b.txt").text()).isEqualTo("plus");
  }

  @Test
  void servesLargeFilesFromTheRightOffset() throws Exception {
    byte[] data = new byte[3 << 20];
    new java.util.Random(7).nextBytes(data);
    Files.write(root.resolve("big.bin"), data);
    var r = get("/big.bin", "Range", "bytes=1048576-");
    assertThat(r.status()).isEqualTo(206);
    assertThat(r.body()).isEqualTo(java.util.Arrays.copyOfRange(data, 1 << 20, data.length));
  }
}
