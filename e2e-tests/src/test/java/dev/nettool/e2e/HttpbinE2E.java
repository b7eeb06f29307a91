package dev.nettool.e2e;

import static dev.nettool.e2e.TcpEchoE2E.EXCHANGE;
import static dev.nettool.e2e.TcpEchoE2E.READY;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code nettool http-server}'s httpbin endpoints as a process, driven by curl and Python's http.client. */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class HttpbinE2E {
  @RegisterExtension final Launched launched = new Launched();

  @TempDir Path dir;

  private String base;

  @BeforeEach
  void startServer() throws InterruptedException {
    int port = launched.nettool("http-server", "--port", "0").awaitPort(READY);
    base = "http://127.0.0.1:" + port;
  }

  @Test
  void curlSeesItsQueryHeadersAndMultipartUploadEchoed() throws Exception {
    Map<String, Object> get = json(curl("-s", "-H", "X-Trace-Id: t1", base + "/get?a=1&a=2&b=x"));
    Path file = Files.writeString(dir.resolve("note.txt"), "file body");
    Map<String, Object> post = json(curl("-s", "-F", "field=value", "-F", "up=@" + file, base + "/post"));
    Map<String, Object> any = json(curl("-s", "-X", "PROPFIND", "-H", "Content-Type: application/json",
        "--data-binary", "{\"k\":[1,2]}", base + "/anything/x"));

    assertThat(get.get("args")).isEqualTo(Map.of("a", List.of("1", "2"), "b", "x"));
    assertThat(map(get.get("headers"))).containsEntry("X-Trace-Id", "t1").containsKey("User-Agent");
    assertThat(get).containsEntry("origin", "127.0.0.1").containsEntry("url", base + "/get?a=1&a=2&b=x");
    assertThat(post.get("form")).isEqualTo(Map.of("field", "value"));
    assertThat(post.get("files")).isEqualTo(Map.of("up", "file body"));
    assertThat(any).containsEntry("method", "PROPFIND").containsEntry("json", Map.of("k", List.of(1, 2)));
  }

  @Test
  void curlFollowsRedirectChainsToGet() throws Exception {
    String relative = curl("-s", "-L", "-o", "/dev/null", "-w", "%{num_redirects} %{url_effective}",
        base + "/redirect/4");
    String absolute = curl("-s", "-L", "-o", "/dev/null", "-w", "%{num_redirects} %{url_effective}",
        base + "/absolute-redirect/3");
    String to = curl("-s", "-o", "/dev/null", "-w", "%{http_code} %{redirect_url}",
        base + "/redirect-to?url=https%3A%2F%2Fexample.org%2F&status_code=307");

    assertThat(relative).isEqualTo("4 " + base + "/get");
    assertThat(absolute).isEqualTo("3 " + base + "/get");
    assertThat(to).isEqualTo("307 https://example.org/");
  }

  @Test
  void curlsCookieJarRoundTripsThroughSetListAndDelete() throws Exception {
    String jar = dir.resolve("jar.txt").toString();

    Map<String, Object> afterSet = json(curl("-s", "-L", "-c", jar, "-b", jar, base + "/cookies/set?k=v&n=1"));
    Map<String, Object> later = json(curl("-s", "-b", jar, base + "/cookies"));
    Map<String, Object> afterDelete = json(curl("-s", "-L", "-c", jar, "-b", jar, base + "/cookies/delete?k"));

    assertThat(afterSet).isEqualTo(Map.of("cookies", Map.of("k", "v", "n", "1")));
    assertThat(later).isEqualTo(afterSet);
    assertThat(afterDelete).isEqualTo(Map.of("cookies", Map.of("n", "1")));
  }

  @Test
  void curlAuthenticatesWithBasicAndBearerAndIsChallengedWithout() throws Exception {
    Map<String, Object> basic = json(curl("-s", "-u", "ann:pw", base + "/basic-auth/ann/pw"));
    String challenge = curl("-s", "-o", "/dev/null", "-D", "-", base + "/basic-auth/ann/pw");
    String hidden = curl("-s", "-o", "/dev/null", "-w", "%{http_code}", "-u", "ann:no",
        base + "/hidden-basic-auth/ann/pw");
    Map<String, Object> bearer = json(curl("-s", "-H", "Authorization: Bearer tok", base + "/bearer"));

    assertThat(basic).isEqualTo(Map.of("authenticated", true, "user", "ann"));
    assertThat(challenge).startsWith("HTTP/1.1 401")
        .containsIgnoringCase("www-authenticate: Basic realm=\"Fake Realm\"");
    assertThat(hidden).isEqualTo("404");
    assertThat(bearer).isEqualTo(Map.of("authenticated", true, "token", "tok"));
  }

  @Test
  void curlDecodesGzipAndDeflateBodies() throws Exception {
    assertThat(json(curl("-s", "--compressed", base + "/gzip"))).containsEntry("gzipped", true);
    assertThat(json(curl("-s", "--compressed", base + "/deflate"))).containsEntry("deflated", true);
  }

  @Test
  void curlGets304ForAMatchingEtagAnd412ForAFailedIfMatch() throws Exception {
    String fresh = curl("-s", "-o", "/dev/null", "-w", "%{http_code}", base + "/etag/v1");
    String notModified = curl("-s", "-o", "/dev/null", "-w", "%{http_code}", "-H", "If-None-Match: W/\"v1\"",
        base + "/etag/v1");
    String failed = curl("-s", "-o", "/dev/null", "-w", "%{http_code}", "-H", "If-Match: \"v0\"", base + "/etag/v1");
    String cached = curl("-s", "-o", "/dev/null", "-w", "%{http_code}",
        "-H", "If-Modified-Since: Thu, 01 Jan 1970 00:00:00 GMT", base + "/cache");
    String maxAge = curl("-s", "-o", "/dev/null", "-D", "-", base + "/cache/30");

    assertThat(List.of(fresh, notModified, failed, cached)).containsExactly("200", "304", "412", "304");
    assertThat(maxAge).containsIgnoringCase("cache-control: public, max-age=30");
  }

  @Test
  void curlGetsTheStatusAndHeadersItAskedFor() throws Exception {
    String status = curl("-s", "-o", "/dev/null", "-w", "%{http_code}", "-X", "DELETE", base + "/status/418:0,503:1");
    String headers = curl("-s", "-D", "-", base + "/response-headers?X-Lab=one&X-Lab=two");
    String injected = curl("-s", "-o", "/dev/null", "-w", "%{http_code}",
        base + "/response-headers?X-Bad=a%0D%0ASet-Cookie:%20x=1");
    String index = curl("-s", base + "/");

    assertThat(status).isEqualTo("503");
    assertThat(headers).containsIgnoringCase("x-lab: one").containsIgnoringCase("x-lab: two")
        .contains("\"X-Lab\" : [ \"one\", \"two\" ]");
    assertThat(injected).isEqualTo("400");
    assertThat(index).contains("<table>").contains("/basic-auth/{user}/{passwd}");
  }

  @Test
  void pythonHttpClientReusesOneConnectionAcrossEndpoints() throws Exception {
    List<String> requests = List.of(
        "[\"GET\", \"/get?x=1\", {}, \"\"]",
        "[\"POST\", \"/post\", {\"Content-Type\": \"application/json\"}, \"{\\\"n\\\": 2}\"]",
        "[\"PUT\", \"/put\", {\"Content-Type\": \"application/x-www-form-urlencoded\"}, \"a=1&a=2\"]",
        "[\"GET\", \"/status/418\", {}, \"\"]",
        "[\"GET\", \"/base64/aGVsbG8\", {}, \"\"]",
        "[\"GET\", \"/user-agent\", {\"User-Agent\": \"py-lab\"}, \"\"]",
        "[\"POST\", \"/get\", {}, \"\"]",
        "[\"GET\", \"/encoding/utf8\", {}, \"\"]");
    int port = Integer.parseInt(base.substring(base.lastIndexOf(':') + 1));

    Peer.PeerResult py = launched.peer(String.join("\n", requests).getBytes(StandardCharsets.UTF_8),
        "python3", Peer.script("httpbin_client.py"), "127.0.0.1", String.valueOf(port)).await(EXCHANGE);

    assertThat(py.exitCode()).as(py.describe()).isZero();
    List<Map<String, Object>> answers = new ArrayList<>();
    for (String line : py.text().split("\n")) {
      answers.add(JSON.std.mapFrom(line));
    }
    assertThat(answers).extracting(a -> a.get("status")).containsExactly(200, 200, 200, 418, 200, 200, 405, 200);
    assertThat(answers).extracting(a -> a.get("socket")).as("one keep-alive connection").containsOnly(1);
    assertThat(json(body(answers.get(1))).get("json")).isEqualTo(Map.of("n", 2));
    assertThat(json(body(answers.get(2))).get("form")).isEqualTo(Map.of("a", List.of("1", "2")));
    assertThat(body(answers.get(3))).contains("teapot");
    assertThat(body(answers.get(4))).isEqualTo("hello");
    assertThat(json(body(answers.get(5)))).isEqualTo(Map.of("user-agent", "py-lab"));
    assertThat(body(answers.get(7))).contains("Καλημέρα").contains("😀");
  }

  private String curl(String... args) throws InterruptedException {
    List<String> cmd = new ArrayList<>(List.of("curl", "--max-time", "20"));
    cmd.addAll(List.of(args));
    Peer.PeerResult r = launched.peer(new byte[0], cmd.toArray(String[]::new)).await(EXCHANGE);
    assertThat(r.exitCode()).as(r.describe()).isZero();
    return r.text();
  }

  private static String body(Map<String, Object> answer) {
    return (String) answer.get("body");
  }

  private static Map<String, Object> json(String text) throws IOException {
    return JSON.std.mapFrom(text);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object o) {
    return (Map<String, Object>) o;
  }
}
