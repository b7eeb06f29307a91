package dev.nettool.servers.http;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.cookie.Cookie;
import io.netty.handler.codec.http.cookie.CookieHeaderNames;
import io.netty.handler.codec.http.cookie.DefaultCookie;
import io.netty.handler.codec.http.cookie.ServerCookieDecoder;
import io.netty.handler.codec.http.cookie.ServerCookieEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * {@code /session}, sessions as they are taught: the cookie {@code session_id} carries
 * {@code <id>.<signature>}, the signature being base64url(HMAC-SHA256(secret, id)), so a client can read
 * its id but not forge one. {@code GET} counts a visit ({@code "first"}, then {@code "again"});
 * {@code DELETE} ends the session. A cookie with a bad signature, or for an expired or unknown session,
 * starts a new one.
 */
final class HttpbinSessionRoutes implements HttpRouteGroup {
  static final String COOKIE = "session_id";
  /** Most sessions a server keeps; past it the least recently visited is dropped. */
  static final int MAX_SESSIONS = 10_000;

  private final HttpSessionStore store;
  private final SecretKeySpec key;

  HttpbinSessionRoutes(byte[] secret, HttpSessionStore store) {
    this.store = store;
    this.key = new SecretKeySpec(secret, "HmacSHA256");
  }

  /** The routes of one server, with its own store, secret and TTL. */
  static HttpbinSessionRoutes of(HttpServerConfig config) {
    return new HttpbinSessionRoutes(config.sessionSecret(),
        new HttpSessionStore(Clock.systemUTC(), config.sessionTtl(), MAX_SESSIONS));
  }

  @Override
  public void addTo(HttpRouteTable.Builder table) {
    table.add(HttpMethod.GET, "/session", this::visit);
    table.add(HttpMethod.DELETE, "/session", this::end);
  }

  /** Counts a visit: {@code {"session":"first"|"again","visits":n,"id":...,"ttl_seconds":...}}. */
  void visit(HttpExchange ex) {
    HttpSessionStore.Visit v = store.visit(verifiedId(ex));
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("session", v.fresh() ? "first" : "again");
    answer.put("visits", v.visits());
    answer.put("id", v.id());
    answer.put("ttl_seconds", store.ttl().toSeconds());
    // Sent on every visit: the cookie's Max-Age follows the TTL that each visit refreshes.
    respond(ex, answer, cookie(v.id() + "." + sign(v.id()), store.ttl().toSeconds()));
  }

  /** Ends the session: {@code {"session":"ended"}} or {@code "none"}, and the cookie is cleared. */
  void end(HttpExchange ex) {
    String id = verifiedId(ex);
    boolean ended = id != null && store.end(id);
    respond(ex, Map.of("session", ended ? "ended" : "none"), cookie("", 0));
  }

  /** The session id of a well-signed cookie, or null (no cookie, or forged). */
  String verifiedId(HttpExchange ex) {
    String header = ex.headers().get(HttpHeaderNames.COOKIE);
    if (header == null) {
      return null;
    }
    for (Cookie c : ServerCookieDecoder.LAX.decode(header)) {
      if (COOKIE.equals(c.name())) {
        int dot = c.value().lastIndexOf('.');
        if (dot > 0) {
          String id = c.value().substring(0, dot);
          byte[] got = c.value().substring(dot + 1).getBytes(StandardCharsets.US_ASCII);
          // Constant time: how far a forged signature matches says nothing.
          if (MessageDigest.isEqual(got, sign(id).getBytes(StandardCharsets.US_ASCII))) {
            return id;
          }
        }
      }
    }
    return null;
  }

  String sign(String id) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      byte[] sig = mac.doFinal(id.getBytes(StandardCharsets.UTF_8));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(sig);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }

  private static String cookie(String value, long maxAge) {
    DefaultCookie c = new DefaultCookie(COOKIE, value);
    c.setPath("/");
    c.setHttpOnly(true);
    c.setSameSite(CookieHeaderNames.SameSite.Lax);
    c.setMaxAge(maxAge);
    return ServerCookieEncoder.STRICT.encode(c);
  }

  private static void respond(HttpExchange ex, Map<String, Object> answer, String setCookie) {
    FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK,
        Unpooled.copiedBuffer(HttpExchange.json(answer) + "\n", StandardCharsets.UTF_8));
    r.headers().set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON)
        .set(HttpHeaderNames.SET_COOKIE, setCookie)
        .set(HttpHeaderNames.CACHE_CONTROL, HttpHeaderValues.NO_STORE);
    ex.respond(r);
  }
}
