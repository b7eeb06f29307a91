package dev.nettool.servers.http;

import static io.netty.handler.codec.http.HttpMethod.GET;
import static io.netty.handler.codec.http.HttpMethod.POST;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.jr.ob.JSON;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpUtil;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@Timeout(20)
class HttpbinStreamRoutesTest {
  private final HttpRouteProbe probe = new HttpRouteProbe(
      new HttpbinStreamRoutes(Clock.fixed(Instant.ofEpochMilli(1234), ZoneOffset.UTC)),
      HttpServerConfig.builder().build());

  @Test
  void delayAnswersTheEchoOnlyOnceTheTimeHasPassed() throws Exception {
    HttpRouteProbe.Call c = probe.call(POST, "/delay/1.5?a=1&a=2&b=x", "", "X-Test", "yes");
    assertThat(c.drain().head).as("nothing before 1.5 s").isNull();
    c.advance(1499, TimeUnit.MILLISECONDS);
    assertThat(c.head).isNull();
    c.advance(1, TimeUnit.MILLISECONDS);
    assertThat(c.status()).isEqualTo(200);
    Map<String, Object> echo = JSON.std.mapFrom(c.text());
    assertThat(echo).containsEntry("args", Map.of("a", List.of("1", "2"), "b", "x"))
        .containsEntry("origin", "127.0.0.1").containsEntry("url", "http://test.local/delay/1.5?a=1&a=2&b=x");
    assertThat(echo.get("headers")).as("the same echo as /get: Title-Case names")
        .isEqualTo(Map.of("X-Test", "yes", "Host", "test.local"));
    c.finish();
  }

  @Test
  void delayIsCappedAtTenSeconds() throws Exception {
    HttpRouteProbe.Call c = probe.call(GET, "/delay/3600");
    c.advance(10, TimeUnit.SECONDS);
    assertThat(c.status()).isEqualTo(200);
    c.finish();
  }

  @Test
  void delayAnswersNothingWhenTheClientLeftMeanwhile() throws Exception {
    HttpRouteProbe.Call c = probe.call(GET, "/delay/2");
    c.channel.close();
    c.advance(2, TimeUnit.SECONDS);
    assertThat(c.head).isNull();
    c.finish();
  }

  @ParameterizedTest(name = "{0} -> 400")
  @CsvSource({"/delay/-1", "/delay/soon", "/bytes/-5", "/stream/x", "/drip?code=99", "/drip?delay=later",
      "/unstable?failure_rate=2", "/bytes/10?seed=abc", "/sse?count=-1"})
  void badNumbersAreAnsweredWith400AndTheReason(String uri) throws Exception {
    HttpRouteProbe.Call c = probe.call(GET, uri).drain();
    assertThat(c.status()).isEqualTo(400);
    assertThat(c.text()).contains("\"error\"");
    c.finish();
  }

  @Test
  void dripSpreadsTheBytesOverTheDurationAfterTheDelay() throws Exception {
    HttpRouteProbe.Call c = probe.call(GET, "/drip?numbytes=4&duration=2&delay=1&code=201");
    c.advance(999, TimeUnit.MILLISECONDS);
    assertThat(c.head).as("the delay comes first").isNull();
    c.advance(1, TimeUnit.MILLISECONDS);
    assertThat(c.status()).isEqualTo(201);
    assertThat(c.header(HttpHeaderNames.CONTENT_LENGTH)).isEqualTo("4");
    assertThat(c.header(HttpHeaderNames.CONTENT_TYPE)).isEqualTo("application/octet-stream");
    assertThat(c.text()).isEmpty();
    for (int i = 1; i <= 4; i++) {
      c.advance(500, TimeUnit.MILLISECONDS);
      assertThat(c.text()).as("after %d ms", 500 * i).isEqualTo("*".repeat(i));
    }
    assertThat(c.ended).isTrue();
    c.finish();
  }

  @Test
  void dripOfManyBytesGoesOutInAThousandPieces() throws Exception {
    HttpRouteProbe.Call c = probe.call(GET, "/drip?numbytes=100000&duration=0&delay=0").drain();
    assertThat(c.bytes()).hasSize(100_000).containsOnly((byte) '*');
    assertThat(c.pieces).isEqualTo(1000);
    assertThat(c.ended).isTrue();
    c.finish();
  }

  @Test
  void dripStopsWhenTheClientLeaves() throws Exception {
    HttpRouteProbe.Call c = probe.call(GET, "/drip?numbytes=10&duration=10&delay=0").drain();
    c.advance(1, TimeUnit.SECONDS);
    c.channel.close();
    c.advance(10, TimeUnit.SECONDS);
    assertThat(c.text()).isEqualTo("*");
    assertThat(c.ended).isFalse();
    c.finish();
  }

  @Test
  void streamSendsNJsonLinesChunkedEachWithItsId() throws Exception {
    HttpRouteProbe.Call c = probe.call(GET, "/stream/3?x=1").drain();
    assertThat(HttpUtil.isTransferEncodingChunked(c.head)).isTrue();
    List<String> lines = c.text().lines().toList();
    assertThat(lines).hasSize(3);
    for (int i = 0; i < 3; i++) {
      Map<String, Object> line = JSON.std.mapFrom(lines.get(i));
      assertThat(line).containsEntry("id", i).containsEntry("args", Map.of("x", "1")).containsKey("headers");
    }
    assertThat(c.ended).isTrue();
    c.finish();
  }

  @Test
  void streamIsCappedAtAHundredLines() throws Exception {
    HttpRouteProbe.Call c = probe.call(GET, "/stream/5000").drain();
    assertThat(c.text().lines()).hasSize(100);
    c.finish();
  }

  @Test
  void bytesWithASeedAreTheSameEveryTimeAndThoseOfJavaUtilRandom() throws Exception {
    HttpRouteProbe.Call a = probe.call(GET, "/bytes/64?seed=42").drain();
    HttpRouteProbe.Call b = probe.call(GET, "/bytes/64?seed=42").drain();
    byte[] want = new byte[64];
    new java.util.Random(42).nextBytes(want);
    assertThat(a.bytes()).isEqualTo(want).isEqualTo(b.bytes());
    assertThat(a.header(HttpHeaderNames.CONTENT_TYPE)).isEqualTo("application/octet-stream");
    a.finish();
    b.finish();
  }

  @Test
  void bytesAreCappedAtOneHundredKilobytes() throws Exception {
    HttpRouteProbe.Call c = probe.call(GET, "/bytes/10000000").drain();
    assertThat(c.bytes()).hasSize(100 * 1024);
    c.finish();
  }

  @Test
  void streamBytesChunksTheSameBytesAsBytes() throws Exception {
    HttpRouteProbe.Call whole = probe.call(GET, "/bytes/1000?seed=7").drain();
    HttpRouteProbe.Call chunked = probe.call(GET, "/stream-bytes/1000?seed=7&chunk_size=300").drain();
    assertThat(chunked.bytes()).isEqualTo(whole.bytes());
    assertThat(chunked.pieces).isEqualTo(4);
    assertThat(HttpUtil.isTransferEncodingChunked(chunked.head)).isTrue();
    whole.finish();
    chunked.finish();
  }

  @ParameterizedTest(name = "Range {0} on 30 bytes -> {1} {2}")
  @CsvSource(delimiter = '|', nullValues = "none", textBlock = """
      none           | 200 | none          | abcdefghijklmnopqrstuvwxyzabcd
      bytes=0-3      | 206 | bytes 0-3/30  | abcd
      bytes=26-      | 206 | bytes 26-29/30| abcd
      bytes=-2       | 206 | bytes 28-29/30| cd
      bytes=-100     | 206 | bytes 0-29/30 | abcdefghijklmnopqrstuvwxyzabcd
      bytes=25-1000  | 206 | bytes 25-29/30| zabcd
      bytes=30-      | 416 | bytes */30    | ''
      bytes=-0       | 416 | bytes */30    | ''
      bytes=0-1,4-5  | 200 | none          | abcdefghijklmnopqrstuvwxyzabcd
      bytes=5-2      | 200 | none          | abcdefghijklmnopqrstuvwxyzabcd
      items=0-3      | 200 | none          | abcdefghijklmnopqrstuvwxyzabcd
      """)
  void rangeServesOneRangeAndSaysSo(String range, int status, String contentRange, String body) throws Exception {
    HttpRouteProbe.Call c = range == null ? probe.call(GET, "/range/30") : probe.call(GET, "/range/30", "", "Range", range);
    c.drain();
    assertThat(c.status()).isEqualTo(status);
    assertThat(c.header(HttpHeaderNames.CONTENT_RANGE)).isEqualTo(contentRange);
    assertThat(c.text()).isEqualTo(body);
    assertThat(c.header(HttpHeaderNames.ACCEPT_RANGES)).isEqualTo("bytes");
    assertThat(c.header(HttpHeaderNames.ETAG)).isEqualTo("\"range30\"");
    c.finish();
  }

  @Test
  void rangeWithAStaleIfRangeSendsEverything() throws Exception {
    HttpRouteProbe.Call c = probe.call(GET, "/range/10", "", "Range", "bytes=0-1", "If-Range", "\"other\"").drain();
    assertThat(c.status()).isEqualTo(200);
    assertThat(c.bytes()).hasSize(10);
    c.finish();
  }

  @Test
  void sseSendsEventsAnIntervalApart() throws Exception {
    HttpRouteProbe.Call c = probe.call(GET, "/sse?count=3&delay=500ms").drain();
    assertThat(c.header(HttpHeaderNames.CONTENT_TYPE)).isEqualTo("text/event-stream");
    assertThat(c.text()).isEqualTo("id: 0\nevent: ping\ndata: {\"id\":0,\"timestamp\":1234}\n\n");
    c.advance(499, TimeUnit.MILLISECONDS);
    assertThat(c.text()).doesNotContain("id: 1");
    c.advance(1, TimeUnit.MILLISECONDS);
    assertThat(c.text()).contains("id: 1\n").doesNotContain("id: 2");
    c.advance(500, TimeUnit.MILLISECONDS);
    assertThat(c.text()).contains("id: 2\n");
    assertThat(c.ended).as("ends right after the last event").isTrue();
    c.finish();
  }

  @Test
  void sseWaitsForTheLastWriteBeforeTheNext() throws Exception {
    HttpRouteProbe.Call c = probe.call(GET, "/sse?count=3&delay=0").drain();
    assertThat(c.text().split("\n\n")).hasSize(3);
    c.finish();
  }

  @Test
  void sseStopsWhenTheClientLeaves() throws Exception {
    HttpRouteProbe.Call c = probe.call(GET, "/sse?count=100&delay=1").drain();
    c.channel.close();
    c.advance(200, TimeUnit.SECONDS);
    assertThat(c.text().split("\n\n")).hasSize(1);
    c.finish();
  }

  @Test
  void unstableWithASeedAlwaysGivesTheSameOutcome() throws Exception {
    int[] outcomes = new int[4];
    for (int i = 0; i < outcomes.length; i++) {
      HttpRouteProbe.Call c = probe.call(GET, "/unstable?failure_rate=0.5&seed=3").drain();
      outcomes[i] = c.status();
      c.finish();
    }
    int want = new java.util.Random(3).nextDouble() < 0.5 ? 500 : 200;
    assertThat(Arrays.stream(outcomes).distinct().toArray()).containsExactly(want);
  }

  @ParameterizedTest(name = "failure_rate={0} -> {1}")
  @CsvSource({"0, 200", "1, 500"})
  void unstableAtTheExtremesIsCertain(String rate, int status) throws Exception {
    HttpRouteProbe.Call c = probe.call(GET, "/unstable?failure_rate=" + rate).drain();
    assertThat(c.status()).isEqualTo(status);
    c.finish();
  }
}
