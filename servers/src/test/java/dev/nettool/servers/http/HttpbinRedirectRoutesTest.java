package dev.nettool.servers.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nettool.protocols.testing.NettyLeakCheck;
import dev.nettool.servers.http.HttpbinFixture.Answer;
import io.netty.handler.codec.http.HttpMethod;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

@Timeout(10)
@ExtendWith(NettyLeakCheck.class)
class HttpbinRedirectRoutesTest {
  private final HttpbinFixture server = new HttpbinFixture(new HttpbinRedirectRoutes());

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
      "/redirect/1, /get",
      "/redirect/3, /relative-redirect/2",
      "/relative-redirect/2, /relative-redirect/1",
      "/relative-redirect/1, /get",
      "/absolute-redirect/2, http://example.test:8080/absolute-redirect/1",
      "/absolute-redirect/1, http://example.test:8080/get",
      "/redirect/2?absolute=true, http://example.test:8080/absolute-redirect/1",
      "/redirect/100, /relative-redirect/99"})
  void eachHopPointsToTheNextAndTheLastToGet(String path, String location) {
    Answer a = server.get(path);

    assertThat(a.status()).isEqualTo(302);
    assertThat(a.header("Location")).isEqualTo(location);
  }

  @Test
  void followingAChainReachesGetAfterNHops() {
    String at = "/redirect/5";
    int hops = 0;
    while (!at.equals("/get")) {
      at = server.get(at).header("Location");
      hops++;
    }
    assertThat(hops).isEqualTo(5);
  }

  @ParameterizedTest
  @ValueSource(strings = {"/redirect/0", "/redirect/-1", "/redirect/101", "/redirect/x", "/relative-redirect/0",
      "/absolute-redirect/1000000000000"})
  void aHopCountOutsideOneToAHundredIsABadRequest(String path) {
    Answer a = server.get(path);

    assertThat(a.status()).isEqualTo(400);
    assertThat(a.text()).startsWith("number of redirects must be 1 to 100");
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({
      "GET, /redirect-to?url=/get, 302, /get",
      "POST, /redirect-to?url=https%3A%2F%2Fexample.org%2Fa%3Fb%3D1, 302, https://example.org/a?b=1",
      "PUT, /redirect-to?url=/x&status_code=307, 307, /x",
      "DELETE, /redirect-to?url=/x&status_code=301, 301, /x",
      "PATCH, /redirect-to?url=/x&status_code=308, 308, /x"})
  void redirectToSendsTheUrlWithTheStatusAskedFor(String method, String uri, int status, String location) {
    Answer a = server.call(HttpMethod.valueOf(method), uri, new byte[0]);

    assertThat(a.status()).isEqualTo(status);
    assertThat(a.header("Location")).isEqualTo(location);
  }

  @ParameterizedTest
  @ValueSource(strings = {"/redirect-to", "/redirect-to?url=", "/redirect-to?url=/a%0D%0ASet-Cookie:x=1",
      "/redirect-to?url=/a%0Ab", "/redirect-to?url=/x&status_code=200", "/redirect-to?url=/x&status_code=abc",
      "/redirect-to?url=/a%00b"})
  void redirectToRefusesAMissingUrlCrLfAndANonRedirectStatus(String uri) {
    Answer a = server.get(uri);

    assertThat(a.status()).as(uri).isEqualTo(400);
    assertThat(a.header("Location")).isNull();
    assertThat(a.header("Set-Cookie")).isNull();
  }

  @Test
  void redirectsTakeOnlyGetExceptRedirectTo() {
    assertThat(server.call(HttpMethod.POST, "/redirect/1", new byte[0]).status()).isEqualTo(405);
    assertThat(server.call(HttpMethod.HEAD, "/redirect/1", new byte[0]).status()).isEqualTo(302);
  }
}
