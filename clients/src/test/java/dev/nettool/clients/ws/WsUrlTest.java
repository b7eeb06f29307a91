package dev.nettool.clients.ws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class WsUrlTest {

  @ParameterizedTest
  @CsvSource({
      "ws://example.test, false, example.test, 80, ws://example.test/",
      "wss://example.test/chat?room=1#top, true, example.test, 443, wss://example.test/chat?room=1",
      "ws://[::1]:8080/x, false, ::1, 8080, ws://[::1]:8080/x"})
  void parsesSchemeHostPortAndRequestTarget(String text, boolean secure, String host, int port, String uri) {
    WsUrl url = WsUrl.parse(text);

    assertThat(url.secure()).isEqualTo(secure);
    assertThat(url.host()).isEqualTo(host);
    assertThat(url.port()).isEqualTo(port);
    assertThat(url.toString()).isEqualTo(uri);
  }

  @Test
  void refusesOtherSchemes() {
    assertThatThrownBy(() -> WsUrl.parse("http://example.test/"))
        .hasMessage("'http://example.test/' is not a ws:// or wss:// URL");
  }
}
