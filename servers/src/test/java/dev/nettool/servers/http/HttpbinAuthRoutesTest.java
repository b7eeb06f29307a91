package dev.nettool.servers.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nettool.protocols.testing.NettyLeakCheck;
import dev.nettool.servers.http.HttpbinFixture.Answer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@Timeout(10)
@ExtendWith(NettyLeakCheck.class)
class HttpbinAuthRoutesTest {
  private final HttpbinFixture server = new HttpbinFixture(new HttpbinAuthRoutes());

  @Test
  void basicAuthWithThePathsCredentialsIsAuthenticated() {
    Answer a = server.get("/basic-auth/alice/s3cret", "Authorization", basic("alice:s3cret"));

    assertThat(a.status()).isEqualTo(200);
    assertThat(a.json()).isEqualTo(Map.of("authenticated", true, "user", "alice"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "Basic", "Basic !!!", "Bearer abc", "Basic YWxpY2U6d3Jvbmc=", "Basic YWxpY2U="})
  void basicAuthWithoutTheRightCredentialsIsChallenged(String authorization) {
    Answer a = authorization.isEmpty()
        ? server.get("/basic-auth/alice/s3cret")
        : server.get("/basic-auth/alice/s3cret", "Authorization", authorization);

    assertThat(a.status()).isEqualTo(401);
    assertThat(a.header("WWW-Authenticate")).isEqualTo("Basic realm=\"Fake Realm\"");
  }

  @Test
  void credentialsInThePathArePercentDecoded() {
    Answer a = server.get("/basic-auth/a%20b/p%3Aq", "Authorization", basic("a b:p:q"));

    assertThat(a.status()).isEqualTo(200);
    assertThat(a.json()).containsEntry("user", "a b");
  }

  @Test
  void hiddenBasicAuthAnswers404InsteadOf401() {
    Answer denied = server.get("/hidden-basic-auth/u/p", "Authorization", basic("u:x"));
    Answer allowed = server.get("/hidden-basic-auth/u/p", "Authorization", basic("u:p"));

    assertThat(denied.status()).isEqualTo(404);
    assertThat(denied.header("WWW-Authenticate")).isNull();
    assertThat(allowed.status()).isEqualTo(200);
  }

  @Test
  void bearerAnswersTheToken() {
    Answer a = server.get("/bearer", "Authorization", "Bearer tok-123");

    assertThat(a.status()).isEqualTo(200);
    assertThat(a.json()).isEqualTo(Map.of("authenticated", true, "token", "tok-123"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "Bearer", "Bearer ", "Basic dTpw", "Bearertok"})
  void bearerWithoutATokenIsChallenged(String authorization) {
    Answer a = authorization.isEmpty() ? server.get("/bearer") : server.get("/bearer", "Authorization", authorization);

    assertThat(a.status()).isEqualTo(401);
    assertThat(a.header("WWW-Authenticate")).isEqualTo("Bearer");
  }

  private static String basic(String userPass) {
    return "Basic " + Base64.getEncoder().encodeToString(userPass.getBytes(StandardCharsets.UTF_8));
  }
}
