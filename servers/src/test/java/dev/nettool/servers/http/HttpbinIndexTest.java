package dev.nettool.servers.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nettool.protocols.testing.NettyLeakCheck;
import dev.nettool.servers.http.HttpbinFixture.Answer;
import io.netty.handler.codec.http.HttpMethod;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

@Timeout(10)
@ExtendWith(NettyLeakCheck.class)
class HttpbinIndexTest {

  @Test
  void rootIsAnHtmlTableOfTheEndpoints() {
    Answer a = new HttpbinFixture(new HttpbinIndex()).get("/");

    assertThat(a.status()).isEqualTo(200);
    assertThat(a.header("Content-Type")).isEqualTo("text/html; charset=utf-8");
    assertThat(a.text()).contains("<table>").contains("<a href=\"/get\">/get</a>")
        .contains("<td>GET</td><td><code>/basic-auth/{user}/{passwd}</code>")
        .contains("/response-headers?K=V").contains("/upload").contains("/items/{id}");
  }

  @Test
  void theListNamesEveryRouteOfTheBuiltInGroups() {
    HttpRouteTable table = HttpServerRoutes.build(HttpServerConfig.builder().build());
    List<String> listed = HttpbinIndex.ENDPOINTS.stream().map(e -> e.path().replaceAll("\\?.*", "")).toList();

    for (HttpRoute r : table.routes()) {
      if (r.path().toString().equals("/")) {
        continue; // the page itself
      }
      String path = r.path().toString().replace("/*", "").replaceAll("\\{[^}]*}", "{}");
      assertThat(listed.stream().map(p -> p.replaceAll("\\{[^}]*}", "{}")).anyMatch(path::equals))
          .as("%s %s is on the index page", r.method(), r.path()).isTrue();
    }
  }

  @Test
  void textIsHtmlEscaped() {
    String page = HttpbinIndex.page(List.of(new HttpbinIndex.Endpoint("GET", "/a?<b>&c", "\"x\" <script>")));

    assertThat(page).contains("/a?&lt;b&gt;&amp;c").contains("&quot;x&quot; &lt;script&gt;").doesNotContain("<script>");
  }

  @Test
  void rootIsTheEndpointListOnlyWhenNoDirectoryIsMountedThere() {
    HttpServerConfig mounted = HttpServerConfig.builder()
        .mounts(List.of(new HttpMount("/", Path.of(".")))).build();

    List<String> plain = paths(HttpServerRoutes.build(HttpServerConfig.builder().build()));
    List<String> withRoot = paths(HttpServerRoutes.build(mounted));

    assertThat(plain).as("the endpoint list comes after the endpoints").containsOnlyOnce("/")
        .element(plain.size() - 1).isEqualTo("/");
    assertThat(withRoot).as("over a mounted root, / is the directory's own, ahead of the endpoints")
        .containsOnlyOnce("/").startsWith("/");
  }

  private static List<String> paths(HttpRouteTable table) {
    return table.routes().stream().map(r -> r.path().toString()).toList();
  }
}
