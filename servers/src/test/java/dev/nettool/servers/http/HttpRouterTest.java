package dev.nettool.servers.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Who answers a request head: routes, the server's own 404/405/OPTIONS answers, Basic auth. */
@Timeout(10)
class HttpRouterTest {
  private static final HttpHandler HELLO = x -> {};
  private static final HttpBodyHandler UPLOAD = x -> null;
  private static final HttpRouteTable TABLE = HttpRouteTable.builder()
      .add(HttpMethod.GET, "/hello", HELLO)
      .add(HttpRoute.streaming(HttpMethod.POST, "/upload", UPLOAD))
      .add(HttpMethod.GET, "/users/{id}", HELLO)
      .build();

  private static HttpRequest request(String method, String uri) {
    return new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.valueOf(method), uri);
  }

  @Test
  void givesAMatchedRouteItsHandlerAndPathParameters() {
    HttpRouter.Target t = new HttpRouter(TABLE, null).route(request("GET", "/users/a%20b?x=1"));
    assertThat(t).isInstanceOf(HttpRouter.Whole.class);
    assertThat(((HttpRouter.Whole) t).handler()).isSameAs(HELLO);
    assertThat(t.params()).containsEntry("id", "a b");
  }

  @Test
  void streamsTheBodyIntoABodyHandlerRoute() {
    HttpRouter.Target t = new HttpRouter(TABLE, null).route(request("POST", "/upload"));
    assertThat(t).isInstanceOf(HttpRouter.Streamed.class);
    assertThat(((HttpRouter.Streamed) t).handler()).isSameAs(UPLOAD);
  }

  @ParameterizedTest(name = "{0} {1} is answered by the server itself")
  @CsvSource({"GET, /nope", "DELETE, /hello", "OPTIONS, /hello", "OPTIONS, *", "HEAD, /nope"})
  void answersUnroutedRequestsItself(String method, String uri) {
    HttpRouter.Target t = new HttpRouter(TABLE, null).route(request(method, uri));
    assertThat(t).isInstanceOf(HttpRouter.Whole.class);
    assertThat(((HttpRouter.Whole) t).handler()).isNotSameAs(HELLO);
  }

  @ParameterizedTest(name = "{0} becomes {1}")
  @CsvSource({"http://example.test/hello?a=1, /hello?a=1", "http://example.test, /", "http://example.test?q, /?q",
      "/plain, /plain"})
  void makesAnAbsoluteFormTargetAPath(String uri, String path) {
    HttpRequest r = request("GET", uri);
    new HttpRouter(TABLE, null).route(r);
    assertThat(r.uri()).isEqualTo(path);
  }

  @ParameterizedTest(name = "Authorization ''{0}'' is refused")
  @CsvSource(value = {"''", "Bearer abc", "Basic !!!", "Basic YW5uOndyb25n"}, emptyValue = "")
  void refusesMissingOrWrongCredentials(String authorization) {
    HttpRequest r = request("GET", "/hello");
    if (!authorization.isEmpty()) {
      r.headers().set("Authorization", authorization);
    }
    HttpRouter.Target t = new HttpRouter(TABLE, "ann:pw").route(r);
    assertThat(((HttpRouter.Whole) t).handler()).isNotSameAs(HELLO);
  }

  @Test
  void letsTheRightCredentialsThrough() {
    HttpRequest r = request("GET", "/hello");
    r.headers().set("Authorization", "basic " + Base64.getEncoder().encodeToString("ann:pw".getBytes(StandardCharsets.UTF_8)));
    assertThat(((HttpRouter.Whole) new HttpRouter(TABLE, "ann:pw").route(r)).handler()).isSameAs(HELLO);
  }
}
