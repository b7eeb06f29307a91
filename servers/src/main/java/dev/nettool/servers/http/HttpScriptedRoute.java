package dev.nettool.servers.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpHeadersFactory;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpHeadersFactory;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One scripted route, checked and ready: its canned status, headers and body, and an optional delay
 * scheduled on the event loop (never a sleeping thread). An inline body may name the path's parameters
 * as {@code {name}}: each is replaced by the value in the request's path, JSON-string-escaped in a JSON
 * body and HTML-escaped in an HTML one, as is elsewhere. Bodies read from files go out byte for byte.
 *
 * @param method the method, or null for any
 * @param params the path's parameter names that the body mentions (empty: the body is sent as is)
 */
record HttpScriptedRoute(HttpMethod method, String path, HttpResponseStatus status, HttpHeaders headers,
    byte[] body, List<String> params, Duration delay) {
  /** Headers were checked when the script was read: copies of them need no second check. */
  private static final HttpHeadersFactory COPIES = DefaultHttpHeadersFactory.headersFactory().withValidation(false);
  private static final HttpHeadersFactory TRAILERS = DefaultHttpHeadersFactory.trailersFactory().withValidation(false);

  HttpRoute toRoute() {
    // Copied once into headers made like each response's: copying between headers of the same kind
    // links the entries as they are, without checking every name again per response.
    HttpHeaders canned = COPIES.newHeaders().add(headers);
    if (params.isEmpty()) {
      // The same bytes every time: copied once off the heap (the socket writes them without another
      // copy) and shared by every response, each sending a duplicate. A wrapped JDK buffer is left to
      // the garbage collector, like the route itself.
      ByteBuf shared = Unpooled.unreleasableBuffer(
          Unpooled.wrappedBuffer(ByteBuffer.allocateDirect(body.length).put(body).flip()).asReadOnly());
      return HttpRoute.of(method, path, exchange -> handle(exchange, canned, shared));
    }
    return HttpRoute.of(method, path,
        exchange -> handle(exchange, canned, Unpooled.wrappedBuffer(body(exchange.params()))));
  }

  private void handle(HttpExchange exchange, HttpHeaders canned, ByteBuf content) {
    if (delay.isZero()) {
      respond(exchange, canned, content.duplicate());
      return;
    }
    exchange.channel().eventLoop().schedule(() -> respond(exchange, canned, content.duplicate()), delay.toNanos(),
        TimeUnit.NANOSECONDS);
  }

  private void respond(HttpExchange exchange, HttpHeaders canned, ByteBuf content) {
    FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, content, COPIES, TRAILERS);
    // add, not set: set clears the new, empty headers first, which was most of a response's cost.
    r.headers().add(canned);
    exchange.respond(r);
  }

  private byte[] body(Map<String, String> values) {
    if (params.isEmpty()) {
      return body;
    }
    String type = headers.get(HttpHeaderNames.CONTENT_TYPE, "");
    String text = new String(body, StandardCharsets.UTF_8);
    for (String name : params) {
      String value = values.getOrDefault(name, "");
      if (HttpMediaTypes.isJson(type)) {
        value = jsonEscape(value);
      } else if (HttpMediaTypes.isHtml(type)) {
        value = HttpDirectoryListing.escape(value);
      }
      text = text.replace("{" + name + "}", value);
    }
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static String jsonEscape(String value) {
    String quoted = HttpExchange.json(value).trim();
    return quoted.substring(1, quoted.length() - 1);
  }
}
