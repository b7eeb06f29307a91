package dev.nettool.servers.http;

import com.fasterxml.jackson.jr.ob.JSON;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@code /items}, a small REST collection of JSON objects: {@code GET} lists, {@code POST} creates (201 +
 * Location), {@code GET/PUT/PATCH/DELETE /items/{id}} read, replace, merge top-level fields, delete (204).
 * Answers 404 for an unknown id, 405 (from the table) for other methods, 415 for a body that is not
 * {@code application/json}, 400 for JSON that is not an object, 413 for an item over 64 KB and 507 when
 * the collection is full.
 */
final class HttpItemRoutes implements HttpRouteGroup {
  /** Most items a server keeps. */
  static final int MAX_ITEMS = 1000;
  /** Largest item body. */
  static final int MAX_ITEM_BYTES = 64 << 10;

  private final HttpItemStore store;

  HttpItemRoutes(HttpItemStore store) {
    this.store = store;
  }

  @Override
  public void addTo(HttpRouteTable.Builder table) {
    table.add(HttpMethod.GET, "/items", this::list);
    table.add(HttpMethod.POST, "/items", this::create);
    table.add(HttpMethod.GET, "/items/{id}", this::read);
    table.add(HttpMethod.PUT, "/items/{id}", this::replace);
    table.add(HttpMethod.PATCH, "/items/{id}", this::merge);
    table.add(HttpMethod.DELETE, "/items/{id}", this::delete);
  }

  void list(HttpExchange ex) {
    ex.respondJson(HttpResponseStatus.OK, store.list());
  }

  void create(HttpExchange ex) {
    Map<String, Object> fields = fields(ex);
    if (fields == null) {
      return;
    }
    Optional<Map<String, Object>> item = store.create(fields);
    if (item.isEmpty()) {
      error(ex, HttpResponseStatus.INSUFFICIENT_STORAGE, "the collection holds at most " + MAX_ITEMS + " items");
      return;
    }
    FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.CREATED,
        Unpooled.copiedBuffer(HttpExchange.json(item.get()) + "\n", StandardCharsets.UTF_8));
    r.headers().set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON)
        .set(HttpHeaderNames.LOCATION, "/items/" + item.get().get("id"));
    ex.respond(r);
  }

  void read(HttpExchange ex) {
    found(ex, id(ex).flatMap(store::get));
  }

  void replace(HttpExchange ex) {
    Optional<Long> id = id(ex);
    Map<String, Object> fields = id.isEmpty() ? Map.of() : fields(ex);
    if (fields != null) {
      found(ex, id.flatMap(i -> store.replace(i, fields)));
    }
  }

  void merge(HttpExchange ex) {
    Optional<Long> id = id(ex);
    Map<String, Object> fields = id.isEmpty() ? Map.of() : fields(ex);
    if (fields != null) {
      found(ex, id.flatMap(i -> store.merge(i, fields)));
    }
  }

  void delete(HttpExchange ex) {
    if (id(ex).map(store::delete).orElse(false)) {
      ex.respondEmpty(HttpResponseStatus.NO_CONTENT);
    } else {
      notFound(ex);
    }
  }

  /** The body as a JSON object, or null once the error is answered. */
  private static Map<String, Object> fields(HttpExchange ex) {
    String type = ex.headers().get(HttpHeaderNames.CONTENT_TYPE, "").toLowerCase(Locale.ROOT);
    String mime = type.split(";", 2)[0].trim();
    if (!mime.equals("application/json") && !mime.endsWith("+json")) {
      error(ex, HttpResponseStatus.UNSUPPORTED_MEDIA_TYPE, "send the item as Content-Type: application/json");
      return null;
    }
    if (ex.body().readableBytes() > MAX_ITEM_BYTES) {
      error(ex, HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, "an item is at most " + MAX_ITEM_BYTES + " bytes");
      return null;
    }
    try {
      Object value = JSON.std.anyFrom(ex.bodyText());
      if (value instanceof Map<?, ?> m) {
        @SuppressWarnings("unchecked")
        Map<String, Object> fields = (Map<String, Object>) m;
        return fields;
      }
    } catch (IOException e) {
      // answered below
    }
    error(ex, HttpResponseStatus.BAD_REQUEST, "the body must be a JSON object");
    return null;
  }

  // Ids are positive whole numbers; anything else names no item.
  private static Optional<Long> id(HttpExchange ex) {
    try {
      return Optional.of(Long.parseLong(ex.param("id"))).filter(i -> i > 0);
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  private static void found(HttpExchange ex, Optional<Map<String, Object>> item) {
    if (item.isPresent()) {
      ex.respondJson(HttpResponseStatus.OK, item.get());
    } else {
      notFound(ex);
    }
  }

  private static void notFound(HttpExchange ex) {
    error(ex, HttpResponseStatus.NOT_FOUND, "no item " + ex.param("id"));
  }

  private static void error(HttpExchange ex, HttpResponseStatus status, String message) {
    ex.respondJson(status, Map.of("error", message));
  }
}
