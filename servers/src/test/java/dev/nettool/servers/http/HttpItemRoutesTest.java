package dev.nettool.servers.http;

import static io.netty.handler.codec.http.HttpMethod.DELETE;
import static io.netty.handler.codec.http.HttpMethod.GET;
import static io.netty.handler.codec.http.HttpMethod.PATCH;
import static io.netty.handler.codec.http.HttpMethod.POST;
import static io.netty.handler.codec.http.HttpMethod.PUT;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.jr.ob.JSON;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@Timeout(10)
class HttpItemRoutesTest {
  private static final String JSON_TYPE = "application/json";

  private final HttpItemRoutes routes = new HttpItemRoutes(new HttpItemStore(3));
  private final HttpRouteProbe probe = new HttpRouteProbe(routes, HttpServerConfig.builder().build());

  @Test
  void postCreatesAnItemWithTheNextIdAndItsLocation() throws Exception {
    HttpRouteProbe.Call c = send(POST, "/items", "{\"name\":\"pen\",\"id\":99}", JSON_TYPE);
    assertThat(c.status()).isEqualTo(201);
    assertThat(c.header(HttpHeaderNames.LOCATION)).isEqualTo("/items/1");
    assertThat(JSON.std.mapFrom(c.text())).as("the store picks the id").isEqualTo(Map.of("id", 1, "name", "pen"));
    assertThat(send(POST, "/items", "{}", JSON_TYPE).header(HttpHeaderNames.LOCATION)).isEqualTo("/items/2");
  }

  @Test
  void getListsTheItemsInIdOrderAndReadsOne() throws Exception {
    send(POST, "/items", "{\"n\":1}", JSON_TYPE);
    send(POST, "/items", "{\"n\":2}", JSON_TYPE);
    assertThat(JSON.std.listFrom(send(GET, "/items", "", null).text()))
        .isEqualTo(List.of(Map.of("id", 1, "n", 1), Map.of("id", 2, "n", 2)));
    assertThat(JSON.std.mapFrom(send(GET, "/items/2", "", null).text())).isEqualTo(Map.of("id", 2, "n", 2));
  }

  @Test
  void putReplacesAndPatchMergesTopLevelFields() throws Exception {
    send(POST, "/items", "{\"a\":1,\"b\":{\"x\":1}}", JSON_TYPE);
    HttpRouteProbe.Call patched = send(PATCH, "/items/1", "{\"b\":{\"y\":2},\"c\":3}", JSON_TYPE);
    assertThat(JSON.std.mapFrom(patched.text())).isEqualTo(Map.of("id", 1, "a", 1, "b", Map.of("y", 2), "c", 3));
    HttpRouteProbe.Call put = send(PUT, "/items/1", "{\"z\":true}", "application/merge-patch+json");
    assertThat(JSON.std.mapFrom(put.text())).isEqualTo(Map.of("id", 1, "z", true));
  }

  @Test
  void deleteAnswers204ThenTheItemIsGone() throws Exception {
    send(POST, "/items", "{}", JSON_TYPE);
    HttpRouteProbe.Call d = send(DELETE, "/items/1", "", null);
    assertThat(d.status()).isEqualTo(204);
    assertThat(d.bytes()).isEmpty();
    assertThat(send(GET, "/items/1", "", null).status()).isEqualTo(404);
    assertThat(send(DELETE, "/items/1", "", null).status()).isEqualTo(404);
  }

  @ParameterizedTest(name = "{0} {1} -> 404")
  @CsvSource({"GET, /items/7", "GET, /items/abc", "GET, /items/-1", "PUT, /items/7", "PATCH, /items/x",
      "DELETE, /items/0"})
  void anUnknownIdIs404(String method, String path) throws Exception {
    HttpRouteProbe.Call c = send(HttpMethod.valueOf(method), path, "{}", JSON_TYPE);
    assertThat(c.status()).isEqualTo(404);
    assertThat(c.text()).contains("no item");
  }

  @ParameterizedTest(name = "{0} with {1} -> {2}")
  @CsvSource(delimiter = '|', nullValues = "none", textBlock = """
      [1,2]           | application/json                  | 400
      "text"          | application/json                  | 400
      {broken         | application/json; charset=utf-8   | 400
      name=pen        | application/x-www-form-urlencoded | 415
      {}              | none                              | 415
      """)
  void aBodyThatIsNotAJsonObjectIsRefused(String body, String type, int status) throws Exception {
    assertThat(send(POST, "/items", body, type).status()).isEqualTo(status);
    assertThat(JSON.std.listFrom(send(GET, "/items", "", null).text())).as("nothing stored").isEmpty();
  }

  @Test
  void anItemOver64KilobytesIs413() throws Exception {
    String big = "{\"x\":\"" + "a".repeat(HttpItemRoutes.MAX_ITEM_BYTES) + "\"}";
    assertThat(send(POST, "/items", big, JSON_TYPE).status()).isEqualTo(413);
  }

  @Test
  void aFullCollectionAnswers507() throws Exception {
    for (int i = 0; i < 3; i++) {
      assertThat(send(POST, "/items", "{}", JSON_TYPE).status()).isEqualTo(201);
    }
    assertThat(send(POST, "/items", "{}", JSON_TYPE).status()).isEqualTo(507);
    send(DELETE, "/items/2", "", null);
    assertThat(send(POST, "/items", "{}", JSON_TYPE).header(HttpHeaderNames.LOCATION))
        .as("ids keep increasing after a delete").isEqualTo("/items/4");
  }

  @Test
  void theTableKnowsWhichMethodsEachPathTakes() {
    HttpRouteTable table = HttpRouteTable.builder().addAll(routes).build();
    assertThat(table.match(HttpMethod.DELETE, "/items")).isEmpty();
    assertThat(table.allowed("/items")).containsExactlyInAnyOrder(GET, HttpMethod.HEAD, POST);
    assertThat(table.allowed("/items/5")).containsExactlyInAnyOrder(GET, HttpMethod.HEAD, PUT, PATCH, DELETE);
  }

  private HttpRouteProbe.Call send(HttpMethod method, String uri, String body, String type) throws Exception {
    HttpRouteProbe.Call c = type == null ? probe.call(method, uri, body)
        : probe.call(method, uri, body, "Content-Type", type);
    c.finish();
    return c;
  }
}
