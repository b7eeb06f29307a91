package dev.nettool.servers.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.jr.ob.JSON;
import dev.nettool.protocols.testing.NettyLeakCheck;
import dev.nettool.servers.http.HttpbinFixture.Answer;
import io.netty.handler.codec.http.HttpMethod;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.GZIPInputStream;
import java.util.zip.InflaterInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

@Timeout(10)
@ExtendWith(NettyLeakCheck.class)
class HttpbinResponseRoutesTest {
  private final HttpbinFixture server = new HttpbinFixture(new HttpbinResponseRoutes());

  @ParameterizedTest(name = "{0} /status/{1}")
  @CsvSource({"GET, 200", "POST, 201", "DELETE, 204", "PUT, 404", "PATCH, 503", "GET, 599"})
  void statusAnswersTheCodeInThePathForAnyMethod(String method, int code) {
    assertThat(server.call(HttpMethod.valueOf(method), "/status/" + code, new byte[0]).status()).isEqualTo(code);
  }

  @ParameterizedTest
  @CsvSource({
      "301, Location, /redirect/1", "302, Location, /redirect/1", "307, Location, /redirect/1",
      "308, Location, /redirect/1", "401, WWW-Authenticate, Basic realm=\"Fake Realm\"",
      "407, Proxy-Authenticate, Basic realm=\"Fake Realm\""})
  void statusAddsTheHeadersHttpbinAddsForThatCode(int code, String header, String value) {
    Answer a = server.get("/status/" + code);

    assertThat(a.status()).isEqualTo(code);
    assertThat(a.header(header)).isEqualTo(value);
  }

  @Test
  void notModifiedHasNoLocation() {
    assertThat(server.get("/status/304").header("Location")).isNull();
  }

  @Test
  void status418IsATeapot() {
    Answer a = server.get("/status/418");

    assertThat(a.status()).isEqualTo(418);
    assertThat(a.text()).contains("teapot");
  }

  @ParameterizedTest
  @ValueSource(strings = {"abc", "99", "600", "100", "200:x", "200:-1", "200:0,500:0", "200:1:2", "", "200,,500"})
  void aBadStatusIsABadRequest(String spec) {
    Answer a = server.get("/status/" + spec);

    assertThat(a.status()).as("/status/%s", spec).isIn(400, 404);
    if (!spec.isEmpty()) {
      assertThat(a.status()).isEqualTo(400);
      assertThat(a.text()).startsWith("invalid status code");
    }
  }

  @ParameterizedTest
  @CsvSource({"0.0, 200", "0.89, 200", "0.9, 500", "0.99, 500"})
  void weightedStatusesArePickedInProportionToTheirWeights(double random, int expected) {
    assertThat(HttpbinResponseRoutes.pickStatus("200:0.9,500:0.1", () -> random)).isEqualTo(expected);
  }

  @Test
  void aStatusWithoutAWeightWeighsOne() {
    assertThat(HttpbinResponseRoutes.pickStatus("201,202:3", () -> 0.2)).isEqualTo(201);
    assertThat(HttpbinResponseRoutes.pickStatus("201,202:3", () -> 0.3)).isEqualTo(202);
    assertThatThrownBy(() -> HttpbinResponseRoutes.pickStatus("201:0", () -> 0.5))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void weightedStatusThroughTheRouteAnswersOneOfTheCodes() {
    assertThat(server.get("/status/418:0,201:1").status()).isEqualTo(201);
  }

  @Test
  void responseHeadersSetsEachQueryParameterAndAnswersAllHeadersAsJson() {
    Answer a = server.get("/response-headers?X-One=1&X-Two=a&X-Two=b");

    assertThat(a.status()).isEqualTo(200);
    assertThat(a.header("X-One")).isEqualTo("1");
    assertThat(a.headers().getAll("X-Two")).containsExactly("a", "b");
    Map<String, Object> json = a.json();
    assertThat(json).containsEntry("X-One", "1").containsEntry("X-Two", List.of("a", "b"))
        .containsEntry("content-type", "application/json");
    assertThat(json.get("content-length")).as("the body states its own length")
        .isEqualTo(String.valueOf(a.body().length));
    assertThat(server.call(HttpMethod.POST, "/response-headers?A=b", new byte[0]).header("A")).isEqualTo("b");
  }

  @Test
  void responseHeadersMayOverrideTheContentType() {
    Answer a = server.get("/response-headers?Content-Type=text/plain");

    assertThat(a.header("Content-Type")).isEqualTo("text/plain");
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "X-Evil=a%0D%0ASet-Cookie:%20x=1", "X-Evil=a%0Ab", "X-Evil=a%0Db", "Bad%20Name=1", "Transfer-Encoding=chunked",
      "Content-Length=0", "connection=close", "X-Nul=a%00b"})
  void responseHeadersRefusesCrLfBadNamesAndFramingHeaders(String query) {
    Answer a = server.get("/response-headers?" + query);

    assertThat(a.status()).as(query).isEqualTo(400);
    assertThat(a.headers().names()).as("nothing of the query reached the response")
        .doesNotContain("X-Evil", "Set-Cookie", "Transfer-Encoding", "X-Nul");
  }

  @ParameterizedTest
  @CsvSource({
      "/json, application/json, slideshow",
      "/html, text/html; charset=utf-8, <html>",
      "/xml, application/xml, <slideshow",
      "/robots.txt, text/plain; charset=utf-8, Disallow: /deny",
      "/deny, text/plain; charset=utf-8, robots.txt",
      "/encoding/utf8, text/html; charset=utf-8, 𝄞"})
  void fixedDocumentsHaveTheirContentType(String path, String type, String contains) {
    Answer a = server.get(path);

    assertThat(a.status()).isEqualTo(200);
    assertThat(a.header("Content-Type")).isEqualTo(type);
    assertThat(a.text()).contains(contains);
  }

  @Test
  void jsonIsHttpbinsSlideshowShape() throws IOException {
    Map<String, Object> slideshow = HttpbinEchoRoutesTest.map(server.get("/json").json().get("slideshow"));

    assertThat(slideshow).containsKeys("author", "date", "slides", "title");
    assertThat(JSON.std.anyFrom(HttpbinSamples.JSON)).isNotNull();
  }

  @Test
  void uuidIsARandomVersion4Uuid() {
    String a = (String) server.get("/uuid").json().get("uuid");
    String b = (String) server.get("/uuid").json().get("uuid");

    assertThat(UUID.fromString(a).version()).isEqualTo(4);
    assertThat(a).isNotEqualTo(b);
  }

  @ParameterizedTest
  @CsvSource({
      "aGVsbG8gd29ybGQ=, hello world", "aGVsbG8gd29ybGQ, hello world",
      "Pz8-, ??>", "Pz8+, ??>", "Pz8_Pw, ????", "Pz8_Pw==, ????", "Pz8%2FPw==, ????"})
  void base64DecodesStandardAndUrlSafeWithOrWithoutPadding(String value, String decoded) {
    Answer a = server.get("/base64/" + value);

    assertThat(a.status()).isEqualTo(200);
    assertThat(a.text()).isEqualTo(decoded);
    assertThat(a.header("Content-Type")).isEqualTo("text/plain; charset=utf-8");
  }

  @Test
  void base64OfBinaryIsOctetStream() {
    Answer a = server.get("/base64/_w");

    assertThat(a.body()).containsExactly(0xff);
    assertThat(a.header("Content-Type")).isEqualTo("application/octet-stream");
  }

  @ParameterizedTest
  @ValueSource(strings = {"!!!", "a", "ab-+", "aGVsbG8=x"})
  void invalidBase64IsABadRequest(String value) {
    Answer a = server.get("/base64/" + value);

    assertThat(a.status()).isEqualTo(400);
    assertThat(a.text()).startsWith("invalid base64 data");
  }

  @Test
  void gzipIsAGzipEncodedEcho() throws IOException {
    Answer a = server.get("/gzip", "X-Probe", "1");

    assertThat(a.header("Content-Encoding")).isEqualTo("gzip");
    Map<String, Object> json = JSON.std.mapFrom(inflate(new GZIPInputStream(new ByteArrayInputStream(a.body()))));
    assertThat(json).containsEntry("gzipped", true).containsEntry("method", "GET")
        .containsEntry("origin", "127.0.0.1").containsKey("headers");
  }

  @Test
  void deflateIsAZlibEncodedEcho() throws IOException {
    Answer a = server.get("/deflate");

    assertThat(a.header("Content-Encoding")).isEqualTo("deflate");
    assertThat(a.body()[0]).as("zlib header, as httpbin").isEqualTo((byte) 0x78);
    Map<String, Object> json = JSON.std.mapFrom(inflate(new InflaterInputStream(new ByteArrayInputStream(a.body()))));
    assertThat(json).containsEntry("deflated", true);
  }

  private static String inflate(InputStream in) throws IOException {
    try (in) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
