package dev.nettool.clients.wait;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nettool.protocols.address.Endpoint;
import dev.nettool.protocols.transport.TransportKind;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Target parsing and the defaults of {@link WaitForConfig}. */
@Timeout(10)
class WaitForConfigTest {

  @ParameterizedTest
  @CsvSource({
      "127.0.0.1:8080, 127.0.0.1, 8080",
      "localhost:5432, localhost, 5432",
      "[::1]:80, ::1, 80",
      "tcp://db:3306, db, 3306",
      "TCP://[::1]:9000, ::1, 9000",
      ":7000, 127.0.0.1, 7000"
  })
  void parsesTcpTargets(String text, String host, int port) {
    assertThat(WaitForConfig.parseTarget(text)).isEqualTo(new Endpoint.Inet(host, port));
  }

  @Test
  void parsesUnixSocketTargets() {
    assertThat(WaitForConfig.parseTarget("unix:/run/app.sock")).isEqualTo(new Endpoint.Unix(Path.of("/run/app.sock")));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "http://localhost:8080/health | is an HTTP target, not a socket address",
      "https://example.test/ | is an HTTP target, not a socket address",
      "udp://127.0.0.1:53 | wait-for takes HOST:PORT, [v6]:PORT, tcp://HOST:PORT or unix:/path",
      "localhost | has no port",
      "localhost:http | is not a port number",
      "127.0.0.1:70000 | out of range",
      "127.0.0.1:0 | port 0 cannot accept connections",
      "::1:80 | write an IPv6 address as [ADDR]:PORT"
  })
  void rejectsTargetsItCannotProbe(String text, String message) {
    assertThatThrownBy(() -> WaitForConfig.parseTarget(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(message);
  }

  @Test
  void defaultsToThirtySecondsEveryTwoHundredMillisOnTheAutoTransport() {
    WaitForConfig config = WaitForConfig.defaults(List.of(new Endpoint.Inet("127.0.0.1", 80)));
    assertThat(config.timeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(config.interval()).isEqualTo(Duration.ofMillis(200));
    assertThat(config.connectTimeout()).isEqualTo(Duration.ofSeconds(2));
    assertThat(config.transport()).isEqualTo(TransportKind.AUTO);
  }

  @Test
  void refusesAZeroIntervalAndAnEmptyTargetList() {
    WaitForConfig config = WaitForConfig.defaults(List.of(new Endpoint.Inet("127.0.0.1", 80)));
    assertThatThrownBy(() -> config.withInterval(Duration.ZERO)).hasMessageContaining("interval");
    assertThatThrownBy(() -> config.withConnectTimeout(Duration.ZERO)).hasMessageContaining("connect timeout");
    assertThatThrownBy(() -> WaitForConfig.defaults(List.of())).hasMessageContaining("no target");
  }

  @Test
  void acceptsAZeroTimeoutAsWaitForever() {
    WaitForConfig config = WaitForConfig.defaults(List.of(new Endpoint.Inet("127.0.0.1", 80)));
    assertThat(config.withTimeout(Duration.ZERO).timeout()).isZero();
  }
}
