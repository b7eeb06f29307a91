package dev.nettool.clients.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Parsing http:// URLs and resolving the Location of a redirect against them. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class HttpUrlTest {

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "http://example.test | example.test | 80 | / | example.test",
      "http://127.0.0.1:8080/get?a=1&b=2 | 127.0.0.1 | 8080 | /get?a=1&b=2 | 127.0.0.1:8080",
      "http://[::1]:9000/x#frag | ::1 | 9000 | /x | [::1]:9000",
      "HTTP://Host.Test:80/p%20q | Host.Test | 80 | /p%20q | Host.Test"})
  void splitsAUrlIntoHostPortTargetAndHostHeader(String text, String host, int port, String target, String hostHeader) {
    HttpUrl url = HttpUrl.parse(text);
    assertThat(url).isEqualTo(new HttpUrl(host, port, target));
    assertThat(url.hostHeader()).isEqualTo(hostHeader);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "https://example.test/ | https:// is not supported yet",
      "ftp://example.test/ | is not an http:// URL",
      "example.test:80 | is not an http:// URL",
      "http:///nohost | has no host",
      "http://exa mple/ | is not a valid URL"})
  void rejectsWhatItCannotRequest(String text, String problem) {
    assertThatThrownBy(() -> HttpUrl.parse(text)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(problem);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "/absolute?x=1 | http://h.test:81/absolute?x=1",
      "relative | http://h.test:81/a/relative",
      "../up | http://h.test:81/up",
      "http://other.test/z | http://other.test/z",
      "//proto.test:82/rel | http://proto.test:82/rel"})
  void resolvesALocationAgainstTheUrlThatSentIt(String location, String expected) {
    assertThat(HttpUrl.parse("http://h.test:81/a/b?q").resolve(location)).hasToString(expected);
  }

  @Test
  void refusesARedirectToHttps() {
    assertThatThrownBy(() -> HttpUrl.parse("http://h.test/").resolve("https://h.test/"))
        .hasMessage("https:// is not supported yet");
  }
}
