package dev.nettool.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code nettool http-server --dir/--mount/--route} as a process, driven by curl and raw python3 sockets. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class HttpStaticE2E {
  static final Duration READY = Duration.ofSeconds(30);
  static final Duration EXCHANGE = Duration.ofSeconds(30);
  private static final String SECRET = "outside-secret-content";

  @RegisterExtension final Launched launched = new Launched();

  @TempDir Path dir;
  Path root;

  @BeforeEach
  void files() throws Exception {
    root = Files.createDirectories(dir.resolve("root"));
    Files.writeString(root.resolve("hello.txt"), "hello, world\n");
    Files.setLastModifiedTime(root.resolve("hello.txt"), FileTime.from(Instant.parse("2024-05-06T07:08:09Z")));
    Files.createDirectories(root.resolve("sub"));
    Files.writeString(root.resolve("sub/index.html"), "<h1>sub</h1>\n");
    Files.writeString(dir.resolve("secret.txt"), SECRET);
  }

  private int server(String... extra) throws InterruptedException {
    List<String> args = new java.util.ArrayList<>(List.of("http-server", "--port", "0", "--dir", root.toString()));
    args.addAll(List.of(extra));
    return launched.nettool(args.toArray(String[]::new)).awaitPort(READY);
  }

  private Peer.PeerResult curl(String... args) throws InterruptedException {
    List<String> cmd = new java.util.ArrayList<>(List.of("curl", "-sS", "--max-time", "20"));
    cmd.addAll(List.of(args));
    Peer.PeerResult r = launched.peer(new byte[0], cmd.toArray(String[]::new)).await(EXCHANGE);
    assertThat(r.exitCode()).as(r.describe()).isZero();
    return r;
  }

  private static String url(int port, String path) {
    return "http://127.0.0.1:" + port + path;
  }

  @Test
  void servesGetAndHeadWithValidatorsAndAnswers304ToCurl() throws Exception {
    int port = server();

    String head = curl("-I", url(port, "/hello.txt")).text();
    assertThat(head).startsWith("HTTP/1.1 200 OK").contains("content-type: text/plain; charset=utf-8")
        .contains("content-length: 13").contains("last-modified: Mon, 06 May 2024 07:08:09 GMT");
    String etag = head.lines().filter(l -> l.startsWith("etag: ")).findFirst().orElseThrow().substring(6);
    assertThat(curl(url(port, "/hello.txt")).text()).isEqualTo("hello, world\n");
    assertThat(curl("-o", "/dev/null", "-w", "%{http_code}", "-H", "If-None-Match: " + etag,
        url(port, "/hello.txt")).text()).isEqualTo("304");
    assertThat(curl("-o", "/dev/null", "-w", "%{http_code}", "-z", "Tue, 07 May 2024 00:00:00 GMT",
        url(port, "/hello.txt")).text()).isEqualTo("304");
    assertThat(curl("-w", " %{http_code}", "-z", "Sun, 05 May 2024 00:00:00 GMT", url(port, "/hello.txt")).text())
        .isEqualTo("hello, world\n 200");
  }

  @Test
  void servesRangesAndDownloadsToCurl() throws Exception {
    int port = server();

    assertThat(curl("-r", "0-4", "-w", " %{http_code}", url(port, "/hello.txt")).text()).isEqualTo("hello 206");
    assertThat(curl("-r", "-6", url(port, "/hello.txt")).text()).isEqualTo("world\n");
    assertThat(curl("-r", "100-", "-i", url(port, "/hello.txt")).text())
        .startsWith("HTTP/1.1 416").contains("content-range: bytes */13");
    assertThat(curl("-D", "-", "-o", "/dev/null", url(port, "/hello.txt?download")).text())
        .contains("content-disposition: attachment; filename=\"hello.txt\"");
  }

  @Test
  void redirectsADirectoryToItsSlashAndServesItsIndex() throws Exception {
    int port = server();

    assertThat(curl("-o", "/dev/null", "-w", "%{http_code} %{redirect_url}", url(port, "/sub?x=1")).text())
        .isEqualTo("301 " + url(port, "/sub/?x=1"));
    assertThat(curl("-L", url(port, "/sub")).text()).isEqualTo("<h1>sub</h1>\n");
  }

  @Test
  void listsADirectoryWithEscapedNamesWhoseLinksWork() throws Exception {
    Path files = Files.createDirectories(root.resolve("files"));
    Files.writeString(files.resolve("<b>&x.txt"), "tricky name\n");
    int port = server("--list");

    String html = curl(url(port, "/files/")).text();

    assertThat(html).contains("<a href=\"%3Cb%3E%26x.txt\">&lt;b&gt;&amp;x.txt</a>").doesNotContain("<b>");
    assertThat(curl(url(port, "/files/%3Cb%3E%26x.txt")).text()).isEqualTo("tricky name\n");
    assertThat(curl("-o", "/dev/null", "-w", "%{http_code}", url(port, "/sub/../files/")).text())
        .as("curl normalises dot segments itself").isEqualTo("200");
  }

  @Test
  void neverServesAFileOutsideTheRootToCurlOrARawSocket() throws Exception {
    Files.createSymbolicLink(root.resolve("link.txt"), dir.resolve("secret.txt"));
    int port = server();

    for (String path : List.of("/../secret.txt", "/%2e%2e/secret.txt", "/%2E%2e/secret.txt",
        "/sub/..%2f..%2fsecret.txt", "/sub/%2e%2e%2f%2e%2e%2fsecret.txt", "/%252e%252e/secret.txt",
        "/sub/..%5c..%5csecret.txt", "/%00", "/hello.txt%00.html", "/link.txt", "//" + dir.resolve("secret.txt"))) {
      Peer.PeerResult r = curl("--path-as-is", "-w", "\n%{http_code}", url(port, path));
      assertThat(r.text()).as(path).doesNotContain(SECRET);
      assertThat(r.text().substring(r.text().lastIndexOf('\n') + 1)).as(path).isIn("400", "404");
    }
    String raw = """
        import socket, sys
        for target in sys.argv[2:]:
            s = socket.create_connection(("127.0.0.1", int(sys.argv[1])), timeout=20)
            s.sendall(("GET " + target + " HTTP/1.1\\r\\nHost: x\\r\\nConnection: close\\r\\n\\r\\n").encode("latin-1"))
            data = b""
            while True:
                chunk = s.recv(65536)
                if not chunk:
                    break
                data += chunk
            s.close()
            print(target, data.split(b"\\r\\n", 1)[0].decode(), "SECRET" if b"%s" in data else "clean")
        """.formatted(SECRET);
    Peer.PeerResult py = launched.peer(new byte[0], "python3", "-c", raw, String.valueOf(port), "/../etc/passwd",
        "/../secret.txt", "/%2e%2e/secret.txt", "/sub/..%2f..%2fsecret.txt", "/..\\secret.txt", "/link.txt")
        .await(EXCHANGE);
    assertThat(py.exitCode()).as(py.describe()).isZero();
    assertThat(py.text().lines()).as(py.describe()).hasSize(6)
        .allMatch(l -> l.matches("\\S+ HTTP/1\\.1 (400|404) .* clean"));
  }

  @Test
  void followsSymlinksOutOfTheRootOnlyWhenAsked() throws Exception {
    Files.createSymbolicLink(root.resolve("link.txt"), dir.resolve("secret.txt"));
    int port = server("--follow-symlinks");

    assertThat(curl(url(port, "/link.txt")).text()).isEqualTo(SECRET);
  }

  @Test
  void sendsA50MegabyteFileByteExact() throws Exception {
    byte[] big = new byte[50 << 20];
    new Random(11).nextBytes(big);
    Files.write(root.resolve("big.bin"), big);
    int port = server();

    Peer.PeerResult r = curl(url(port, "/big.bin"));

    assertThat(r.length()).isEqualTo(big.length);
    assertThat(r.sha256()).isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(big)));
  }

  @Test
  void answersScriptedRoutesFromFlagsAndAFile() throws Exception {
    Files.writeString(dir.resolve("order.json"), "{\"order\": 1}\n");
    Path routes = Files.writeString(dir.resolve("routes.json"), """
        [{"method": "GET", "path": "/teapot", "status": 418, "headers": {"X-Tea": "earl grey"}, "body": "short"},
         {"path": "/users/{id}/orders", "file": "order.json", "delay": "200ms"}]
        """);
    int port = server("--route", "GET /health 200 ok", "--route", "POST /orders 201 @" + dir.resolve("order.json"),
        "--route", "GET /users/{id} 200 {\"id\": \"{id}\"}", "--routes", routes.toString());

    assertThat(curl(url(port, "/health")).text()).isEqualTo("ok");
    assertThat(curl("-i", "-X", "POST", url(port, "/orders")).text()).startsWith("HTTP/1.1 201 Created")
        .contains("content-type: application/json").endsWith("{\"order\": 1}\n");
    assertThat(curl(url(port, "/users/42")).text()).isEqualTo("{\"id\": \"42\"}");
    assertThat(curl("-i", url(port, "/teapot")).text()).startsWith("HTTP/1.1 418").contains("X-Tea: earl grey")
        .endsWith("short");
    assertThat(curl("-X", "DELETE", url(port, "/users/7/orders")).text()).isEqualTo("{\"order\": 1}\n");
    assertThat(curl(url(port, "/hello.txt")).text()).as("files still served").isEqualTo("hello, world\n");
  }

  @Test
  void exitsWith2NamingABadRoute() throws Exception {
    NettoolProcess server = launched.nettool("http-server", "--port", "0", "--route", "FETCH /x 200");

    assertThat(server.waitFor(EXCHANGE)).as(server.describe()).isEqualTo(2);
    assertThat(server.stdout()).isEmpty();
    assertThat(server.stderrLines()).as(server.describe()).containsExactly(
        "nettool: usage: --route 'FETCH /x 200': unknown method 'FETCH' (GET, HEAD, POST, PUT, PATCH, DELETE, "
            + "OPTIONS, TRACE, or * for any)");
  }
}
