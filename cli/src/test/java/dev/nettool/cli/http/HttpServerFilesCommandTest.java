package dev.nettool.cli.http;

import static dev.nettool.cli.CliResultAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.nettool.cli.CliHarness;
import dev.nettool.protocols.testing.NettyLeakCheck;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** {@code http-server} with static files and scripted routes, through the same factory as Main. */
@Timeout(30)
@ExtendWith(NettyLeakCheck.class)
class HttpServerFilesCommandTest {
  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final Pattern READY = Pattern.compile("listening http 127\\.0\\.0\\.1:(\\d+) .*");
  private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  @TempDir Path tmp;

  private HttpResponse<String> get(int port, String path) throws Exception {
    return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(WAIT).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void servesADirectoryAndScriptedRoutesTogether() throws Exception {
    Files.writeString(tmp.resolve("hello.txt"), "from a file\n");
    CliHarness.Running server = CliHarness.start("http-server", "--port", "0", "--dir", tmp.toString(),
        "--route", "GET /health 200 ok", "--route", "GET /hello.txt 200 from a route", "--max-age", "1m");
    Matcher m = READY.matcher(server.takeLine(WAIT));
    assertThat(m.matches()).isTrue();
    int port = Integer.parseInt(m.group(1));
    assertThat(get(port, "/health").body()).isEqualTo("ok");
    assertThat(get(port, "/hello.txt").body()).as("a route wins over a file").isEqualTo("from a route");
    Files.writeString(tmp.resolve("other.txt"), "other\n");
    HttpResponse<String> file = get(port, "/other.txt");
    assertThat(file.body()).isEqualTo("other\n");
    assertThat(file.headers().firstValue("Cache-Control")).hasValue("max-age=60");
    server.stop();
    assertThat(server.awaitExit(WAIT)).isZero();
  }

  @Test
  void exitsWithAUsageErrorNamingABadRoute() {
    assertThat(CliHarness.run("http-server", "--port", "0", "--route", "GET /x 999 nope"))
        .exitedWith(2)
        .hasErr("nettool: usage: --route 'GET /x 999 nope': status '999' is not a number 200-599\n");
  }

  @Test
  void exitsWithAUsageErrorNamingAMissingDirectory() {
    assertThat(CliHarness.run("http-server", "--dir", tmp.resolve("nope").toString()))
        .exitedWith(2)
        .errContains("nettool: usage: Invalid value for option '--dir': '" + tmp.resolve("nope")
            + "' is not a directory");
  }
}
