package dev.nettool.servers.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@Timeout(10)
class HttpScriptedRoutesTest {
  @TempDir Path tmp;

  /** What a route answered: status, headers, body. */
  record Answer(int status, Map<String, String> headers, String body) {}

  private static Answer call(List<HttpRoute> routes, HttpMethod method, String uri) {
    EmbeddedChannel ch = new EmbeddedChannel();
    HttpRouteTable table = HttpRouteTable.builder().addAll(t -> routes.forEach(t::add)).build();
    FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, method, uri);
    try {
      HttpRouteTable.Match match = table.match(method, new QueryStringDecoder(uri).rawPath()).orElse(null);
      if (match == null) {
        return new Answer(404, Map.of(), "");
      }
      match.route().handler().handle(new HttpExchange(ch, request, request.content(), match.params(),
          HttpServerConfig.builder().build(), new HttpConnection(1, new InetSocketAddress("127.0.0.1", 5555), false)));
      ch.advanceTimeBy(1, TimeUnit.HOURS);
      ch.runScheduledPendingTasks();
      FullHttpResponse r = ch.readOutbound();
      if (r == null) {
        return null;
      }
      try {
        Map<String, String> headers = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        r.headers().forEach(e -> headers.put(e.getKey(), e.getValue()));
        ByteBuf b = r.content();
        return new Answer(r.status().code(), headers, b.toString(StandardCharsets.UTF_8));
      } finally {
        r.release();
      }
    } catch (Exception e) {
      throw new IllegalStateException(e);
    } finally {
      request.release();
      ch.finishAndReleaseAll();
    }
  }

  private static Answer call(String spec, HttpMethod method, String uri) {
    return call(List.of(HttpScriptedRoutes.parse(spec)), method, uri);
  }

  @Test
  void answersWithTheStatusAndTextBodyOfTheSpec() {
    Answer a = call("GET /health 200 ok", HttpMethod.GET, "/health");
    assertThat(a).isEqualTo(new Answer(200, a.headers(), "ok"));
    assertThat(a.headers()).containsEntry("Content-Type", "text/plain; charset=utf-8").containsEntry("content-length", "2");
    assertThat(call("GET /health 200 ok", HttpMethod.POST, "/health").status()).isEqualTo(404);
  }

  @Test
  void keepsTheWholeRestOfTheLineAsTheBody() {
    assertThat(call("GET /hello 200 Hello World  twice", HttpMethod.GET, "/hello").body())
        .isEqualTo("Hello World  twice");
  }

  @Test
  void answersAnyMethodForAStarOrAny() {
    assertThat(call("* /x 202", HttpMethod.DELETE, "/x").status()).isEqualTo(202);
    assertThat(call("any /x 202", HttpMethod.PATCH, "/x").status()).isEqualTo(202);
  }

  @Test
  void infersJsonForJsonLookingText() {
    Answer a = call("POST /orders 201 {\"id\": 1}", HttpMethod.POST, "/orders");
    assertThat(a.status()).isEqualTo(201);
    assertThat(a.headers()).containsEntry("Content-Type", "application/json");
    assertThat(call("GET /x 200 {not json", HttpMethod.GET, "/x").headers())
        .containsEntry("Content-Type", "text/plain; charset=utf-8");
  }

  @Test
  void takesTheContentTypeOverrideBeforeTheBody() {
    Answer a = call("GET /page 200 Content-Type:text/html <h1>hi</h1>", HttpMethod.GET, "/page");
    assertThat(a.headers()).containsEntry("Content-Type", "text/html");
    assertThat(a.body()).isEqualTo("<h1>hi</h1>");
  }

  @Test
  void readsABodyFileAtStartAndTypesItByExtension() throws Exception {
    Path order = Files.writeString(tmp.resolve("order.json"), "{\"id\": \"{id}\"}");
    Answer a = call("POST /orders/{id} 201 @" + order, HttpMethod.POST, "/orders/7");
    assertThat(a.body()).as("file bodies go out as they are").isEqualTo("{\"id\": \"{id}\"}");
    assertThat(a.headers()).containsEntry("Content-Type", "application/json");
    Path noExt = Files.writeString(tmp.resolve("reply"), "[1, 2]");
    assertThat(call("GET /r 200 @" + noExt, HttpMethod.GET, "/r").headers())
        .containsEntry("Content-Type", "application/json");
  }

  @Test
  void putsPathParametersIntoAnInlineBodyEscapedForItsType() {
    assertThat(call("GET /users/{id} 200 user {id}", HttpMethod.GET, "/users/42").body()).isEqualTo("user 42");
    assertThat(call("GET /users/{id} 200 {\"id\": \"{id}\"}", HttpMethod.GET, "/users/a%22b").body())
        .isEqualTo("{\"id\": \"a\\\"b\"}");
    assertThat(call("GET /u/{n} 200 Content-Type:text/html <p>{n}</p>", HttpMethod.GET, "/u/%3Cscript%3E").body())
        .isEqualTo("<p>&lt;script&gt;</p>");
  }

  @Test
  void answersWithNoBodyAndNoTypeWhenNoneIsGiven() {
    Answer a = call("DELETE /items/{id} 204", HttpMethod.DELETE, "/items/3");
    assertThat(a.status()).isEqualTo(204);
    assertThat(a.body()).isEmpty();
    assertThat(a.headers()).doesNotContainKey("Content-Type");
  }

  @Test
  void delaysTheAnswerOnTheEventLoop() {
    EmbeddedChannel ch = new EmbeddedChannel();
    ch.freezeTime();
    HttpRoute route = HttpScriptedRoutes.parseFile(write("[{\"path\": \"/slow\", \"delay\": \"500ms\", \"body\": \"late\"}]"))
        .get(0);
    FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/slow");
    try {
      route.handler().handle(new HttpExchange(ch, request, null, Map.of(), HttpServerConfig.builder().build(),
          new HttpConnection(1, new InetSocketAddress("127.0.0.1", 5555), false)));
      ch.advanceTimeBy(499, TimeUnit.MILLISECONDS);
      ch.runScheduledPendingTasks();
      assertThat((Object) ch.readOutbound()).as("nothing before the delay").isNull();
      ch.advanceTimeBy(1, TimeUnit.MILLISECONDS);
      ch.runScheduledPendingTasks();
      FullHttpResponse r = ch.readOutbound();
      assertThat(r.content().toString(StandardCharsets.UTF_8)).isEqualTo("late");
      r.release();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    } finally {
      request.release();
      ch.finishAndReleaseAll();
    }
  }

  @Test
  void readsEveryFieldOfARoutesFile() throws Exception {
    Files.writeString(tmp.resolve("logo.svg"), "<svg/>");
    List<HttpRoute> routes = HttpScriptedRoutes.parseFile(write("""
        [
          {"method": "GET", "path": "/a", "status": 418, "headers": {"X-Tea": "yes", "Content-Type": "text/x-tea"},
           "body": "short and stout"},
          {"path": "/logo", "file": "logo.svg"},
          {"method": "POST", "path": "/obj", "status": "201", "body": {"ok": true}}
        ]
        """));
    Answer a = call(routes, HttpMethod.GET, "/a");
    assertThat(a.status()).isEqualTo(418);
    assertThat(a.headers()).containsEntry("X-Tea", "yes").containsEntry("Content-Type", "text/x-tea");
    assertThat(a.body()).isEqualTo("short and stout");
    Answer logo = call(routes, HttpMethod.PUT, "/logo");
    assertThat(logo.body()).isEqualTo("<svg/>");
    assertThat(logo.headers()).containsEntry("Content-Type", "image/svg+xml; charset=utf-8");
    Answer obj = call(routes, HttpMethod.POST, "/obj");
    assertThat(obj.status()).isEqualTo(201);
    assertThat(obj.headers()).containsEntry("Content-Type", "application/json");
    assertThat(obj.body()).contains("\"ok\" : true");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "GET|expected METHOD PATH STATUS [BODY]",
      "FETCH /x 200|unknown method 'FETCH'",
      "GET /x 999|status '999' is not a number 200-599",
      "GET /x ok|status 'ok' is not a number 200-599",
      "GET /x 101|status '101' is not a number 200-599",
      "GET x 200|path must start with /",
      "GET /a/{ 200|bad path segment",
      "GET /x 204 body|a 204 response has no body",
      "GET /x 200 @/no/such/file.json|body file '/no/such/file.json' does not exist",
  })
  void namesABadSpecAndWhatIsWrongWithIt(String spec, String reason) {
    assertThatThrownBy(() -> HttpScriptedRoutes.parse(spec))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("'" + spec + "': ")
        .hasMessageContaining(reason);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "{\"path\": \"/x\"}|expected a JSON array of routes",
      "[{\"path\": \"/x\"}, 5]|route 2: expected an object",
      "[{\"status\": 200}]|route 1: \"path\" is required",
      "[{\"path\": \"/x\", \"bdy\": \"x\"}]|route 1: unknown key 'bdy'",
      "[{\"path\": \"/x\", \"delay\": \"soon\"}]|route 1: 'soon' is not a duration",
      "[{\"path\": \"/x\", \"file\": \"missing.txt\"}]|does not exist",
      "[{\"path\": \"/x\", \"body\": \"a\", \"file\": \"b\"}]|give \"body\" or \"file\", not both",
      "[{\"path\": \"/x\", \"headers\": {\"Bad Name\": \"v\"}}]|route 1: bad header 'Bad Name: v'",
      "[{\"path\": \"/x\"|not valid JSON at line 1",
  })
  void namesABadRoutesFileAndTheRouteInIt(String json, String reason) {
    Path file = write(json);
    assertThatThrownBy(() -> HttpScriptedRoutes.parseFile(file))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("'" + file + "': ")
        .hasMessageContaining(reason);
  }

  @Test
  void namesAMissingRoutesFile() {
    Path missing = tmp.resolve("nope.json");
    assertThatThrownBy(() -> HttpScriptedRoutes.parseFile(missing)).hasMessage("'" + missing + "': no such file");
  }

  private Path write(String json) {
    try {
      return Files.writeString(tmp.resolve("routes.json"), json);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
