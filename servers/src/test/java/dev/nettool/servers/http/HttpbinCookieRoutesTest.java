package dev.nettool.servers.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.nettool.protocols.testing.NettyLeakCheck;
import dev.nettool.servers.http.HttpbinFixture.Answer;
import io.netty.handler.codec.http.cookie.ClientCookieDecoder;
import io.netty.handler.codec.http.cookie.Cookie;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@Timeout(10)
@ExtendWith(NettyLeakCheck.class)
class HttpbinCookieRoutesTest {
  private final HttpbinFixture server = new HttpbinFixture(new HttpbinCookieRoutes());

  @Test
  void cookiesAnswersTheRequestsCookies() {
    Answer a = server.get("/cookies", "Cookie", "a=1; b=two", "Cookie", "c=3; a=ignored");

    assertThat(a.json()).isEqualTo(Map.of("cookies", Map.of("a", "1", "b", "two", "c", "3")));
  }

  @Test
  void noCookiesIsAnEmptyObject() {
    assertThat(server.get("/cookies").json()).isEqualTo(Map.of("cookies", Map.of()));
  }

  @Test
  void setSetsEachQueryParameterWithPathRootThenRedirectsToCookies() {
    Answer a = server.get("/cookies/set?a=1&b=two");

    assertThat(a.status()).isEqualTo(302);
    assertThat(a.header("Location")).isEqualTo("/cookies");
    List<Cookie> set = a.headers().getAll("Set-Cookie").stream().map(ClientCookieDecoder.STRICT::decode).toList();
    assertThat(set).extracting(Cookie::name, Cookie::value, Cookie::path)
        .containsExactlyInAnyOrder(tuple("a", "1", "/"),
            tuple("b", "two", "/"));
  }

  @Test
  void setWithNameAndValueInThePathSetsOne() {
    Answer a = server.get("/cookies/set/k/v");

    assertThat(a.status()).isEqualTo(302);
    assertThat(a.headers().getAll("Set-Cookie")).containsExactly("k=v; Path=/");
  }

  @Test
  void deleteExpiresEachNamedCookieThenRedirectsToCookies() {
    Answer a = server.get("/cookies/delete?a&b");

    assertThat(a.status()).isEqualTo(302);
    assertThat(a.header("Location")).isEqualTo("/cookies");
    List<Cookie> set = a.headers().getAll("Set-Cookie").stream().map(ClientCookieDecoder.STRICT::decode).toList();
    assertThat(set).extracting(Cookie::name).containsExactlyInAnyOrder("a", "b");
    assertThat(set).allSatisfy(c -> assertThat(c.maxAge()).isZero());
  }

  @ParameterizedTest
  @ValueSource(strings = {"/cookies/set?a=x%3By", "/cookies/set?a=x%0D%0ASet-Cookie:%20b=1", "/cookies/set?a%20b=1",
      "/cookies/set?a=%22", "/cookies/set/a/b%3Bc"})
  void aValueACookieCannotCarryIsABadRequest(String uri) {
    Answer a = server.get(uri);

    assertThat(a.status()).as(uri).isEqualTo(400);
    assertThat(a.header("Set-Cookie")).isNull();
  }
}
