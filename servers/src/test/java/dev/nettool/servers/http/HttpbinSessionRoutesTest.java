package dev.nettool.servers.http;

import static io.netty.handler.codec.http.HttpMethod.DELETE;
import static io.netty.handler.codec.http.HttpMethod.GET;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.jr.ob.JSON;
import io.netty.handler.codec.http.HttpHeaderNames;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class HttpbinSessionRoutesTest {
  private static final byte[] SECRET = "classroom".getBytes(StandardCharsets.UTF_8);

  private final MovableClock clock = new MovableClock();
  private final HttpSessionStore store = new HttpSessionStore(clock, Duration.ofMinutes(20), 3);
  private final HttpbinSessionRoutes routes = new HttpbinSessionRoutes(SECRET, store);
  private final HttpRouteProbe probe = new HttpRouteProbe(routes, HttpServerConfig.builder().build());

  @Test
  void theFirstVisitIsFirstAndSetsASignedCookie() throws Exception {
    HttpRouteProbe.Call c = visit(null);
    assertThat(answer(c)).containsEntry("session", "first").containsEntry("visits", 1);
    String setCookie = c.header(HttpHeaderNames.SET_COOKIE);
    assertThat(setCookie).startsWith("session_id=").contains("Path=/", "SameSite=Lax", "Max-Age=1200")
        .containsIgnoringCase("; HttpOnly");
    String id = (String) answer(c).get("id");
    assertThat(cookieValue(c)).isEqualTo(id + "." + routes.sign(id));
    c.finish();
  }

  @Test
  void laterVisitsAreAgainWithTheCount() throws Exception {
    String cookie = cookieValue(visit(null));
    visit(cookie);
    HttpRouteProbe.Call third = visit(cookie);
    assertThat(answer(third)).containsEntry("session", "again").containsEntry("visits", 3);
    third.finish();
  }

  @Test
  void aTamperedCookieStartsANewSession() throws Exception {
    String cookie = cookieValue(visit(null));
    visit(cookie);
    // Another first character, whatever the random id starts with.
    String other = (cookie.charAt(0) == 'x' ? "y" : "x") + cookie.substring(1);
    HttpRouteProbe.Call c = visit(other);
    assertThat(answer(c)).containsEntry("session", "first").containsEntry("visits", 1);
    assertThat(cookieValue(c)).isNotEqualTo(cookie);
    assertThat(answer(visit("unsigned-id"))).as("no signature").containsEntry("session", "first");
    c.finish();
  }

  @Test
  void aSessionExpiresAfterTheTtlWithoutVisitsAndEachVisitRefreshesIt() throws Exception {
    String cookie = cookieValue(visit(null));
    clock.advance(Duration.ofMinutes(19));
    assertThat(answer(visit(cookie))).containsEntry("session", "again");
    clock.advance(Duration.ofMinutes(19));
    assertThat(answer(visit(cookie))).as("refreshed by the last visit").containsEntry("visits", 3);
    clock.advance(Duration.ofMinutes(21));
    assertThat(answer(visit(cookie))).containsEntry("session", "first").containsEntry("visits", 1);
  }

  @Test
  void theStoreDropsTheLeastRecentlyVisitedSessionPastItsCapacity() throws Exception {
    String a = cookieValue(visit(null));
    String b = cookieValue(visit(null));
    String c = cookieValue(visit(null));
    visit(a);
    visit(null);
    assertThat(store.size()).isEqualTo(3);
    assertThat(answer(visit(b))).as("b was the least recently visited").containsEntry("session", "first");
    assertThat(answer(visit(a))).containsEntry("session", "again");
    assertThat(c).isNotEmpty();
  }

  @Test
  void deleteEndsTheSessionAndClearsTheCookie() throws Exception {
    String cookie = cookieValue(visit(null));
    HttpRouteProbe.Call d = probe.call(DELETE, "/session", "", "Cookie", "session_id=" + cookie).drain();
    assertThat(answer(d)).isEqualTo(Map.of("session", "ended"));
    assertThat(d.header(HttpHeaderNames.SET_COOKIE)).contains("Max-Age=0");
    d.finish();
    assertThat(answer(visit(cookie))).containsEntry("session", "first");
    HttpRouteProbe.Call none = probe.call(DELETE, "/session").drain();
    assertThat(answer(none)).isEqualTo(Map.of("session", "none"));
    none.finish();
  }

  @Test
  void otherCookiesAreIgnored() throws Exception {
    String cookie = cookieValue(visit(null));
    HttpRouteProbe.Call c = probe.call(GET, "/session", "", "Cookie", "theme=dark; session_id=" + cookie).drain();
    assertThat(answer(c)).containsEntry("session", "again");
    c.finish();
  }

  private HttpRouteProbe.Call visit(String cookie) throws Exception {
    HttpRouteProbe.Call c = cookie == null ? probe.call(GET, "/session")
        : probe.call(GET, "/session", "", "Cookie", "session_id=" + cookie);
    return c.drain();
  }

  private static Map<String, Object> answer(HttpRouteProbe.Call c) throws Exception {
    assertThat(c.status()).isEqualTo(200);
    return JSON.std.mapFrom(c.text());
  }

  private static String cookieValue(HttpRouteProbe.Call c) {
    String header = c.header(HttpHeaderNames.SET_COOKIE);
    return header.substring("session_id=".length(), header.indexOf(';'));
  }

  /** A clock the test moves by hand. */
  private static final class MovableClock extends Clock {
    private Instant now = Instant.parse("2025-01-01T00:00:00Z");

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
