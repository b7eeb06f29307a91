package dev.nettool.servers.ws;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@Timeout(10)
class WsUpgradeCheckTest {

  private static FullHttpRequest request(HttpMethod method, String... headers) {
    FullHttpRequest r = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, method, "/");
    r.headers().set("Upgrade", "websocket").set("Connection", "keep-alive, Upgrade")
        .set("Sec-WebSocket-Key", WsWire.KEY).set("Sec-WebSocket-Version", "13");
    for (int i = 0; i < headers.length; i += 2) {
      if (headers[i + 1] == null) {
        r.headers().remove(headers[i]);
      } else {
        r.headers().set(headers[i], headers[i + 1]);
      }
    }
    return r;
  }

  @Test
  void acceptsAProperHandshakeWhoseConnectionHeaderListsUpgradeAmongOthers() {
    assertThat(WsUpgradeCheck.check(request(HttpMethod.GET))).isNull();
  }

  static Stream<Arguments> refusals() {
    return Stream.of(
        Arguments.of(request(HttpMethod.POST), 405, "Allow", "GET"),
        Arguments.of(request(HttpMethod.GET, "Upgrade", null), 426, "Upgrade", "websocket"),
        Arguments.of(request(HttpMethod.GET, "Connection", "keep-alive"), 426, "Upgrade", "websocket"),
        Arguments.of(request(HttpMethod.GET, "Sec-WebSocket-Version", "8"), 400, "Sec-WebSocket-Version", "13"),
        Arguments.of(request(HttpMethod.GET, "Sec-WebSocket-Version", null), 400, "Sec-WebSocket-Version", "13"),
        Arguments.of(request(HttpMethod.GET, "Sec-WebSocket-Key", null), 400, "Sec-WebSocket-Version", "13"),
        Arguments.of(request(HttpMethod.GET, "Sec-WebSocket-Key", "c2hvcnQ="), 400, "Sec-WebSocket-Version", "13"),
        Arguments.of(request(HttpMethod.GET, "Sec-WebSocket-Key", "!!!!!!!!!!!!!!!!!!!!!!=="), 400,
            "Sec-WebSocket-Version", "13"));
  }

  @ParameterizedTest(name = "{1} with {2}: {3}")
  @MethodSource("refusals")
  void refusesWithTheStatusAndHeaderThatSayWhy(FullHttpRequest request, int status, String header, String value) {
    WsUpgradeCheck.Rejection refused = WsUpgradeCheck.check(request);
    request.release();
    assertThat(refused).isNotNull();
    assertThat(refused.status().code()).isEqualTo(status);
    assertThat(refused.headers()).containsEntry(header, value);
  }
}
