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
      "ftp://example.test/ | is not an http:// or https:// URL",
      "example.test:80 | is not an http:// or https:// URL",
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

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "https://example.test/x | 443 | example.test | https://example.test/x",
      "https://example.test:443/ | 443 | example.test | https://example.test/",
      "https://example.test:80/ | 80 | example.test:80 | https://example.test:80/"})
  void takesHttpsWithPort443ByDefault(String text, int port, String hostHeader, String shown) {
    HttpUrl url = HttpUrl.parse(text);
    assertThat(url.https()).isTrue();
    assertThat(url.port()).isEqualTo(port);
    assertThat(url.hostHeader()).isEqualTo(hostHeader);
    assertThat(url).hasToString(shown);
  }

  @Test
  void followsARedirectFromHttpToHttpsAndBack() {
    HttpUrl secure = HttpUrl.parse("http://h.test/").resolve("https://h.test/s");
    assertThat(secure).isEqualTo(new HttpUrl(true, "h.test", 443, "/s"));
    assertThat(secure.resolve("http://h.test:8080/p")).isEqualTo(new HttpUrl("h.test", 8080, "/p"));
    assertThat(secure.resolve("/rel")).hasToString("https://h.test/rel");
  }

  @Test
  void doesNotCountHttpAndHttpsOnOnePortAsOneOrigin() {
    assertThat(HttpUrl.parse("http://h.test:8443/").sameOrigin(HttpUrl.parse("https://h.test:8443/"))).isFalse();
  }
}
