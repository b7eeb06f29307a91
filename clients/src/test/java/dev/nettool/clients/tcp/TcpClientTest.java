package dev.nettool.clients.tcp;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.ConnectTimeoutException;
import java.io.FileNotFoundException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class TcpClientTest {
  private static final InetSocketAddress ADDRESS = new InetSocketAddress("127.0.0.1", 1);
  private static final Duration TEN_SECONDS = Duration.ofSeconds(10);

  @Test
  void saysAConnectTimeoutInTheUsersUnits() {
    assertThat(TcpClient.failureDetail(new ConnectTimeoutException("connection timed out after 10000 ms"), ADDRESS,
        TEN_SECONDS)).isEqualTo("timed out after 10s");
  }

  @ParameterizedTest
  @CsvSource({"10000, 10s", "1500, 1.5s", "250, 250ms", "120000, 120s"})
  void writesDurationsCompactly(long millis, String text) {
    assertThat(TcpClient.compact(Duration.ofMillis(millis))).isEqualTo(text);
  }

  @Test
  void dropsTheAddressTheTransportAppends() {
    assertThat(TcpClient.failureDetail(new ConnectException("Connection refused: /127.0.0.1:1"), ADDRESS,
        TEN_SECONDS)).isEqualTo("Connection refused");
  }

  @Test
  void keepsOnlyTheResolversReasonForAnUnknownHost() {
    assertThat(TcpClient.failureDetail(new UnknownHostException("nosuch.invalid: Name or service not known"),
        ADDRESS, TEN_SECONDS)).isEqualTo("Name or service not known");
    assertThat(TcpClient.failureDetail(new UnknownHostException("nosuch.invalid"), ADDRESS, TEN_SECONDS))
        .isEqualTo("name not resolved");
  }

  @Test
  void namesAMissingSocketFile() {
    assertThat(TcpClient.failureDetail(new FileNotFoundException(), ADDRESS, TEN_SECONDS))
        .isEqualTo("No such file or directory");
  }
}
