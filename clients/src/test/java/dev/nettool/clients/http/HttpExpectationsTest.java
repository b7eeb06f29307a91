package dev.nettool.clients.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.AbstractMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Status patterns and the phrases that say which expectation a response failed. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class HttpExpectationsTest {

  @ParameterizedTest
  @CsvSource({"200, 200, true", "200, 201, false", "2xx, 204, true", "2XX, 299, true", "2xx, 301, false",
      "5xx, 503, true"})
  void matchesAStatusOrAClass(String pattern, int status, boolean matches) {
    assertThat(HttpStatusPattern.parse(pattern).matches(status)).isEqualTo(matches);
  }

  @ParameterizedTest
  @CsvSource({"20", "2x", "600", "abc", "2xxx"})
  void rejectsWhatIsNeitherAStatusNorAClass(String pattern) {
    assertThatThrownBy(() -> HttpStatusPattern.parse(pattern)).hasMessageContaining("is not a status");
  }

  @Test
  void passesAResponseThatMeetsEverything() {
    HttpExpectations e = new HttpExpectations(List.of(HttpStatusPattern.parse("2xx")), "ok", null,
        List.of("Content-Type: json", "X-Id"));
    assertThat(e.failures(result(200, List.of()))).isEmpty();
  }

  @Test
  void namesEveryExpectationTheResponseFailed() {
    HttpExpectations e = new HttpExpectations(List.of(HttpStatusPattern.parse("200"), HttpStatusPattern.parse("204")),
        "ok", null, List.of("Content-Type: xml", "X-Missing"));

    assertThat(e.failures(result(404, List.of("'ok'")))).containsExactly(
        "status 404, expected 200 or 204",
        "body does not contain 'ok'",
        "header Content-Type is 'application/json', expected it to contain 'xml'",
        "no header X-Missing");
  }

  @Test
  void refusesAHeaderExpectationWithoutAName() {
    assertThatThrownBy(() -> new HttpExpectations(List.of(), null, null, List.of(": v")))
        .hasMessageContaining("names no header");
  }

  private static HttpClientResult result(int status, List<String> unmet) {
    List<Map.Entry<String, String>> headers = List.of(new AbstractMap.SimpleImmutableEntry<>("content-type",
        "application/json"), new AbstractMap.SimpleImmutableEntry<>("X-Id", "7"));
    return new HttpClientResult(HttpUrl.parse("http://h.test/"), status, "Whatever", "HTTP/1.1", headers, null, 2,
        Duration.ZERO, Duration.ZERO, Duration.ZERO, 0, unmet, null);
  }
}
