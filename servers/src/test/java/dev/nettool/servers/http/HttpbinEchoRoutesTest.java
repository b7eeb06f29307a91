package dev.nettool.servers.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nettool.protocols.testing.NettyLeakCheck;
import dev.nettool.servers.http.HttpbinFixture.Answer;
import io.netty.handler.codec.http.HttpMethod;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

@Timeout(10)
@ExtendWith(NettyLeakCheck.class)
class HttpbinEchoRoutesTest {
  private static final String BOUNDARY = "XyZzY";
  private final HttpbinFixture server = new HttpbinFixture(new HttpbinEchoRoutes());

  @Test
  void getEchoesArgsHeadersOriginAndUrlLikeHttpbin() {
    Answer a = server.get("/get?a=1&b=2&b=3&sp=x+y", "x-custom-thing", "v");

    assertThat(a.status()).isEqualTo(200);
    assertThat(a.header("Content-Type")).isEqualTo("application/json");
    Map<String, Object> json = a.json();
    assertThat(json).containsOnlyKeys("args", "headers", "origin", "url");
    assertThat(json.get("args")).isEqualTo(Map.of("a", "1", "b", List.of("2", "3"), "sp", "x y"));
    assertThat(json.get("headers")).isEqualTo(Map.of("Host", "example.test:8080", "X-Custom-Thing", "v"));
    assertThat(json.get("origin")).isEqualTo("127.0.0.1");
    assertThat(json.get("url")).isEqualTo("http://example.test:8080/get?a=1&b=2&b=3&sp=x+y");
  }

  @Test
  void repeatedHeadersAreJoinedWithACommaUnderOneName() {
    Answer a = server.get("/headers", "Accept", "text/html", "accept", "application/json");

    assertThat(a.json()).containsOnlyKeys("headers");
    assertThat(map(a.json().get("headers"))).containsEntry("Accept", "text/html,application/json");
  }

  @ParameterizedTest
  @CsvSource({
      "content-type, Content-Type",
      "x-b3-traceid, X-B3-Traceid",
      "WWW-AUTHENTICATE, Www-Authenticate",
      "dnt, Dnt",
      "x_under, X_Under"})
  void headerNamesAreShownInTitleCaseAsHttpbinDoes(String name, String shown) {
    assertThat(HttpbinEcho.titleCase(name)).isEqualTo(shown);
  }

  @Test
  void postEchoesAJsonBodyAsDataAndParsedJson() {
    Answer a = server.call(HttpMethod.POST, "/post", utf8("{\"n\": 1, \"list\": [true, null]}"),
        "Content-Type", "application/json");

    Map<String, Object> json = a.json();
    assertThat(json).containsOnlyKeys("args", "data", "files", "form", "headers", "json", "origin", "url");
    assertThat(json.get("data")).isEqualTo("{\"n\": 1, \"list\": [true, null]}");
    assertThat(map(json.get("json"))).containsEntry("n", 1).containsKey("list");
    assertThat(json.get("form")).isEqualTo(Map.of());
    assertThat(json.get("files")).isEqualTo(Map.of());
  }

  @Test
  void aBodyThatIsNotJsonHasNullJson() {
    Answer a = server.call(HttpMethod.PUT, "/put", utf8("{\"n\": 1} trailing"), "Content-Type", "text/plain");

    assertThat(a.json()).containsEntry("data", "{\"n\": 1} trailing").containsEntry("json", null);
  }

  @Test
  void aBinaryBodyIsShownAsABase64DataUrl() {
    Answer a = server.call(HttpMethod.PATCH, "/patch", new byte[] {(byte) 0xff, 0, (byte) 0xfe});

    assertThat(a.json()).containsEntry("data", "data:application/octet-stream;base64,/wD+");
  }

  @Test
  void urlencodedFieldsGoToFormWithEmptyData() {
    Answer a = server.call(HttpMethod.POST, "/post", utf8("a=1&b=x&b=y+z&c=%C3%A9"),
        "Content-Type", "application/x-www-form-urlencoded");

    assertThat(a.json().get("form")).isEqualTo(Map.of("a", "1", "b", List.of("x", "y z"), "c", "é"));
    assertThat(a.json()).containsEntry("data", "").containsEntry("json", null);
  }

  @Test
  void multipartFieldsGoToFormAndFilesToFilesBinaryOnesAsDataUrls() {
    byte[] body = concat(
        part("name=\"field\"", null, utf8("value")),
        part("name=\"doc\"; filename=\"a.txt\"", "text/plain", utf8("hello file")),
        part("name=\"img\"; filename=\"b.bin\"", "image/png", new byte[] {(byte) 0x89, 'P', 'N', 'G', (byte) 0xff}),
        utf8("--" + BOUNDARY + "--\r\n"));

    Answer a = server.call(HttpMethod.POST, "/post", body, "Content-Type", "multipart/form-data; boundary=" + BOUNDARY);

    assertThat(a.status()).as(a.text()).isEqualTo(200);
    assertThat(a.json().get("form")).isEqualTo(Map.of("field", "value"));
    assertThat(a.json().get("files"))
        .isEqualTo(Map.of("doc", "hello file", "img", "data:image/png;base64,iVBOR/8="));
    assertThat(a.json()).containsEntry("data", "");
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "--XyZzY\r\nContent-Disposition: form-data; name=\"f\"\r\n\r\nno end",
      "--XyZzY\r\nContent-Disposition: form-data; name=\"f\"\r\n\r\nv\r\n",
      "--XyZzY\r\nContent-Disposition: form-data\r\n\r\nno name\r\n--XyZzY--\r\n"})
  void aMalformedMultipartBodyIsABadRequest(String body) {
    Answer a = server.call(HttpMethod.POST, "/post", utf8(body),
        "Content-Type", "multipart/form-data; boundary=" + BOUNDARY);

    assertThat(a.status()).as(a.text()).isEqualTo(400);
    assertThat(a.text()).startsWith("malformed form body");
  }

  @Test
  void aFormOfAThousandFieldsAndALongFieldIsEchoedAndOneFieldMoreIs413() {
    String thousand = IntStream.range(0, HttpbinEcho.MAX_FORM_FIELDS).mapToObj(i -> "f" + i + "=" + i)
        .collect(Collectors.joining("&"));
    String urlencoded = "application/x-www-form-urlencoded";

    Answer fine = server.call(HttpMethod.POST, "/post", utf8(thousand), "Content-Type", urlencoded);
    Answer longField = server.call(HttpMethod.POST, "/post", utf8("a=" + "x".repeat(5000) + "&b=2"),
        "Content-Type", urlencoded);
    Answer tooMany = server.call(HttpMethod.POST, "/post", utf8(thousand + "&one=more"), "Content-Type", urlencoded);

    assertThat(fine.status()).as(fine.text()).isEqualTo(200);
    assertThat(fine.json().get("form")).asInstanceOf(InstanceOfAssertFactories.map(String.class, Object.class))
        .hasSize(HttpbinEcho.MAX_FORM_FIELDS).containsEntry("f999", "999");
    assertThat(longField.status()).as(longField.text()).isEqualTo(200);
    assertThat(longField.json().get("form")).isEqualTo(Map.of("a", "x".repeat(5000), "b", "2"));
    assertThat(tooMany.status()).as(tooMany.text()).isEqualTo(413);
    assertThat(tooMany.text()).isEqualTo("form body has more than 1000 fields\n");
  }

  @ParameterizedTest
  @CsvSource({"GET, /anything, ''", "DELETE, /anything/a/b, a/b", "OPTIONS, /anything/x, x", "PROPFIND, /anything, ''"})
  void anythingEchoesEveryMethodWithTheMethodNamed(String method, String path, String rest) {
    Answer a = server.call(HttpMethod.valueOf(method), path + "?q=1", utf8("body"));

    assertThat(a.status()).isEqualTo(200);
    assertThat(a.json()).containsEntry("method", method).containsEntry("data", "body")
        .containsEntry("url", "http://example.test:8080" + path + "?q=1");
  }

  @ParameterizedTest(name = "{0} {1} -> {2}")
  @CsvSource({
      "GET, /get, 200", "HEAD, /get, 200", "POST, /get, 405",
      "POST, /post, 200", "GET, /post, 405", "PUT, /put, 200", "POST, /put, 405",
      "PATCH, /patch, 200", "DELETE, /delete, 200", "GET, /delete, 405",
      "GET, /headers, 200", "GET, /ip, 200", "GET, /user-agent, 200", "POST, /ip, 405",
      "GET, /nothing-here, 404"})
  void eachEchoEndpointTakesOnlyItsMethod(String method, String path, int status) {
    assertThat(server.call(HttpMethod.valueOf(method), path, new byte[0]).status()).isEqualTo(status);
  }

  @Test
  void ipAndUserAgentAnswerTheirOneField() {
    assertThat(server.get("/ip").json()).isEqualTo(Map.of("origin", "127.0.0.1"));
    assertThat(server.get("/user-agent", "User-Agent", "curl/8.5.0").json())
        .isEqualTo(Map.of("user-agent", "curl/8.5.0"));
  }

  @Test
  void urlUsesTheServersOwnAddressWhenTheRequestHasNoHost() {
    Answer a = server.get("/get", "Host", "");

    assertThat((String) a.json().get("url")).startsWith("http://").endsWith("/get");
  }

  private static byte[] part(String disposition, String type, byte[] content) {
    String head = "--" + BOUNDARY + "\r\nContent-Disposition: form-data; " + disposition + "\r\n"
        + (type == null ? "" : "Content-Type: " + type + "\r\n") + "\r\n";
    return concat(utf8(head), content, utf8("\r\n"));
  }

  static byte[] concat(byte[]... parts) {
    int n = 0;
    for (byte[] p : parts) {
      n += p.length;
    }
    byte[] out = new byte[n];
    int at = 0;
    for (byte[] p : parts) {
      System.arraycopy(p, 0, out, at, p.length);
      at += p.length;
    }
    return out;
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> map(Object o) {
    return (Map<String, Object>) o;
  }
}
