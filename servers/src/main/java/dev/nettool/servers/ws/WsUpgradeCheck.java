package dev.nettool.servers.ws;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/**
 * Whether a request at a WebSocket path is an opening handshake this server can complete (RFC 6455 4.2.1), and
 * if not, the HTTP status that says why: 405 for another method, 426 without {@code Upgrade: websocket}, 400
 * (naming version 13) for a missing or malformed key or another version.
 */
public final class WsUpgradeCheck {
  private WsUpgradeCheck() {}

  /**
   * Why an upgrade is refused.
   *
   * @param status the HTTP status to answer
   * @param reason one line for the body and the {@code reject} event
   * @param headers headers the answer must carry ({@code Allow}, {@code Upgrade}, {@code Sec-WebSocket-Version})
   */
  public record Rejection(HttpResponseStatus status, String reason, Map<String, String> headers) {
    /** The answer: the status, the reason as a line of text, the headers, {@code Connection: close}. */
    public FullHttpResponse toResponse(HttpVersion version) {
      ByteBuf body = Unpooled.copiedBuffer(reason + "\n", StandardCharsets.UTF_8);
      FullHttpResponse response = new DefaultFullHttpResponse(version, status, body);
      response.headers()
          .set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.TEXT_PLAIN + "; charset=utf-8")
          .setInt(HttpHeaderNames.CONTENT_LENGTH, body.readableBytes());
      headers.forEach(response.headers()::set);
      response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
      return response;
    }
  }

  /** The refusal of {@code request}, or {@code null} when the handshake can go ahead. */
  public static Rejection check(HttpRequest request) {
    HttpHeaders h = request.headers();
    if (!request.decoderResult().isSuccess()) {
      return new Rejection(HttpResponseStatus.BAD_REQUEST, "malformed request", Map.of());
    }
    if (!HttpMethod.GET.equals(request.method())) {
      return new Rejection(HttpResponseStatus.METHOD_NOT_ALLOWED, "a WebSocket upgrade is a GET",
          Map.of("Allow", "GET"));
    }
    if (!h.containsValue(HttpHeaderNames.UPGRADE, HttpHeaderValues.WEBSOCKET, true)
        || !h.containsValue(HttpHeaderNames.CONNECTION, HttpHeaderValues.UPGRADE, true)) {
      return new Rejection(HttpResponseStatus.UPGRADE_REQUIRED, "this is a WebSocket endpoint: upgrade to websocket",
          Map.of("Upgrade", "websocket", "Sec-WebSocket-Version", "13"));
    }
    if (!"13".equals(h.get(HttpHeaderNames.SEC_WEBSOCKET_VERSION))) {
      return new Rejection(HttpResponseStatus.BAD_REQUEST, "unsupported Sec-WebSocket-Version (13 only)",
          Map.of("Sec-WebSocket-Version", "13"));
    }
    if (!validKey(h.get(HttpHeaderNames.SEC_WEBSOCKET_KEY))) {
      return new Rejection(HttpResponseStatus.BAD_REQUEST, "missing or malformed Sec-WebSocket-Key",
          Map.of("Sec-WebSocket-Version", "13"));
    }
    return null;
  }

  // The key is 16 random bytes in base64: exactly 24 characters.
  private static boolean validKey(String key) {
    if (key == null || key.trim().length() != 24) {
      return false;
    }
    try {
      return Base64.getDecoder().decode(key.trim()).length == 16;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
