package dev.nettool.servers.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nettool.protocols.testing.NettyLeakCheck;
import dev.nettool.servers.http.HttpbinFixture.Answer;
import io.netty.handler.codec.DateFormatter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

@Timeout(10)
@ExtendWith(NettyLeakCheck.class)
class HttpbinCacheRoutesTest {
  private final HttpbinFixture server = new HttpbinFixture(new HttpbinCacheRoutes());

  @Test
  void cacheAnswersTheEchoWithLastModifiedAndAnEtag() {
    Answer a = server.get("/cache?x=1");

    assertThat(a.status()).isEqualTo(200);
    assertThat(DateFormatter.parseHttpDate(a.header("Last-Modified"))).isNotNull();
    assertThat(a.header("ETag")).matches("\"[0-9a-f]{32}\"");
    assertThat(a.json()).containsEntry("url", "http://example.test:8080/cache?x=1");
  }

  @ParameterizedTest
  @CsvSource({"If-Modified-Since, Thu, 01 Jan 1970 00:00:00 GMT", "If-None-Match, \"anything\""})
  void cacheAnswers304ToAnyConditionalRequest(String header, String value) {
    Answer a = server.get("/cache", header, value);

    assertThat(a.status()).isEqualTo(304);
    assertThat(a.body()).isEmpty();
  }

  @Test
  void cacheForNSecondsSetsMaxAge() {
    Answer a = server.get("/cache/60");

    assertThat(a.status()).isEqualTo(200);
    assertThat(a.header("Cache-Control")).isEqualTo("public, max-age=60");
  }

  @ParameterizedTest
  @ValueSource(strings = {"-1", "x", "1.5"})
  void aMaxAgeThatIsNotANumberOfSecondsIsABadRequest(String n) {
    assertThat(server.get("/cache/" + n).status()).isEqualTo(400);
  }

  @ParameterizedTest(name = "If-None-Match: {0} -> {1}")
  @CsvSource(delimiter = '|', value = {
      "\"abc\"|304", "W/\"abc\"|304", "*|304", "\"x\", \"abc\"|304", "\"x\",W/\"abc\"|304", "abc|304",
      "\"abd\"|200", "\"x\", \"y\"|200", "\"a,bc\"|200"})
  void ifNoneMatchMatchingTheTagWeaklyGives304(String ifNoneMatch, int status) {
    Answer a = server.get("/etag/abc", "If-None-Match", ifNoneMatch);

    assertThat(a.status()).isEqualTo(status);
    assertThat(a.header("ETag")).isEqualTo("\"abc\"");
  }

  @ParameterizedTest(name = "If-Match: {0} -> {1}")
  @CsvSource(delimiter = '|', value = {
      "\"abc\"|200", "*|200", "\"x\", \"abc\"|200", "\"x\"|412", "W/\"abc\"|412", "\"ab\"|412"})
  void ifMatchNotMatchingTheTagStronglyGives412(String ifMatch, int status) {
    assertThat(server.get("/etag/abc", "If-Match", ifMatch).status()).isEqualTo(status);
  }

  @Test
  void ifNoneMatchIsConsideredBeforeIfMatch() {
    assertThat(server.get("/etag/abc", "If-None-Match", "\"x\"", "If-Match", "\"x\"").status()).isEqualTo(200);
  }

  @ParameterizedTest
  @ValueSource(strings = {"a%22b", "a%20b", "a%0D%0Ab", "a%7Fb"})
  void aTagThatCannotBeAnEntityTagIsABadRequest(String tag) {
    Answer a = server.get("/etag/" + tag);

    assertThat(a.status()).isEqualTo(400);
    assertThat(a.header("ETag")).isNull();
  }
}
