package dev.nettool.servers.http;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.stream.ChunkedInput;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;

/**
 * A static file response made ready off the event loop: a complete response (an error, a redirect, a
 * listing), a head alone (304, HEAD), or a head and the file's body object.
 */
record HttpStaticAnswer(HttpResponse head, Object body) {

  static HttpStaticAnswer text(HttpResponseStatus status, String text) {
    return html(status, "text/plain; charset=utf-8", text + "\n");
  }

  static HttpStaticAnswer html(HttpResponseStatus status, String contentType, String text) {
    FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
        Unpooled.wrappedBuffer(text.getBytes(StandardCharsets.UTF_8)));
    r.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType);
    return new HttpStaticAnswer(r, null);
  }

  /** A 301 to {@code location} (already a valid, encoded path). */
  static HttpStaticAnswer redirect(String location) {
    HttpStaticAnswer a = text(HttpResponseStatus.MOVED_PERMANENTLY, "moved to " + location);
    a.head().headers().set(HttpHeaderNames.LOCATION, location);
    return a;
  }

  /** Sends it; runs on the exchange's event loop. */
  void sendTo(HttpExchange exchange) {
    if (head instanceof FullHttpResponse full) {
      exchange.respond(full);
    } else if (body == null) {
      exchange.stream(head).end();
    } else {
      exchange.respondRegion(head, body);
    }
  }

  /** Releases what it holds when it will never be sent (the event loop is gone). */
  void release() {
    ReferenceCountUtil.release(head);
    if (body instanceof ChunkedInput<?> input) {
      try {
        input.close();
      } catch (Exception e) {
        // Nothing left to tell: the response is being dropped anyway.
      }
    } else {
      ReferenceCountUtil.release(body);
    }
  }
}
