package dev.nettool.clients.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.AbstractMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What a redirect does to the request, as curl does it. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class HttpRequestSpecTest {
  private static final HttpUrl FROM = HttpUrl.parse("http://a.test/form");

  @ParameterizedTest
  @CsvSource({"301, POST, GET, false", "302, POST, GET, false", "303, PUT, GET, false", "303, HEAD, HEAD, false",
      "307, POST, POST, true", "308, PUT, PUT, true"})
  void turnsIntoAGetWithoutBodyUnless307Or308(int status, String method, String then, boolean keepsBody) {
    HttpRequestSpec post = new HttpRequestSpec(method, FROM, List.of(h("Content-Type", "text/plain")),
        new HttpRequestBody.Bytes("x=1".getBytes(StandardCharsets.UTF_8), "text/plain"));

    HttpRequestSpec next = post.redirectedTo(status, HttpUrl.parse("http://a.test/next"));

    assertThat(next.method()).isEqualTo(then);
    assertThat(next.url()).hasToString("http://a.test/next");
    assertThat(next.body() instanceof HttpRequestBody.Bytes).as("body kept").isEqualTo(keepsBody);
    assertThat(next.hasHeader("content-type")).as("Content-Type kept").isEqualTo(keepsBody);
  }

  @ParameterizedTest
  @CsvSource({"http://a.test/elsewhere, true", "http://b.test/, false", "http://a.test:8080/, false"})
  void keepsCredentialsWithinTheOriginOnly(String to, boolean kept) {
    HttpRequestSpec get = new HttpRequestSpec("GET", FROM,
        List.of(h("Authorization", "Basic eDp5"), h("Cookie", "k=v"), h("X-Trace", "1")), new HttpRequestBody.Empty());

    HttpRequestSpec next = get.redirectedTo(302, HttpUrl.parse(to));

    assertThat(next.hasHeader("Authorization")).isEqualTo(kept);
    assertThat(next.hasHeader("Cookie")).isEqualTo(kept);
    assertThat(next.hasHeader("X-Trace")).isTrue();
  }

  private static Map.Entry<String, String> h(String k, String v) {
    return new AbstractMap.SimpleImmutableEntry<>(k, v);
  }
}
