package dev.nettool.servers.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;

/** httpbin's response formats: chosen statuses and headers, fixed documents, base64, compressed bodies. */
final class HttpbinResponseRoutes implements HttpRouteGroup {
  /** Headers that frame the message or the connection: a query may not set them. */
  private static final Set<String> FRAMING = Set.of("content-length", "transfer-encoding", "connection",
      "keep-alive", "proxy-connection", "upgrade", "te", "trailer");

  @Override
  public void addTo(HttpRouteTable.Builder table) {
    table.add(null, "/status/{code}", HttpbinResponseRoutes::status)
        .add(HttpMethod.GET, "/response-headers", HttpbinResponseRoutes::responseHeaders)
        .add(HttpMethod.POST, "/response-headers", HttpbinResponseRoutes::responseHeaders)
        .add(HttpMethod.GET, "/json", ex -> ex.respond(HttpResponseStatus.OK, HttpHeaderValues.APPLICATION_JSON,
            utf8(HttpbinSamples.JSON)))
        .add(HttpMethod.GET, "/html", ex -> ex.respondHtml(HttpResponseStatus.OK, HttpbinSamples.HTML))
        .add(HttpMethod.GET, "/xml", ex -> ex.respond(HttpResponseStatus.OK, "application/xml",
            utf8(HttpbinSamples.XML)))
        .add(HttpMethod.GET, "/robots.txt", ex -> ex.respondText(HttpResponseStatus.OK, HttpbinSamples.ROBOTS))
        .add(HttpMethod.GET, "/deny", ex -> ex.respondText(HttpResponseStatus.OK, HttpbinSamples.DENY))
        .add(HttpMethod.GET, "/encoding/utf8", ex -> ex.respondHtml(HttpResponseStatus.OK, HttpbinSamples.UTF8))
        .add(HttpMethod.GET, "/uuid", HttpbinResponseRoutes::uuid)
        .add(HttpMethod.GET, "/base64/{value}", HttpbinResponseRoutes::base64)
        .add(HttpMethod.GET, "/gzip", HttpbinResponseRoutes::gzip)
        .add(HttpMethod.GET, "/deflate", HttpbinResponseRoutes::deflate);
  }

  /** The status named in the path, or one picked by weight from {@code 200:0.9,500:0.1}. */
  static void status(HttpExchange ex) {
    int code;
    try {
      code = pickStatus(ex.param("code"), ThreadLocalRandom.current()::nextDouble);
    } catch (IllegalArgumentException e) {
      ex.respondText(HttpResponseStatus.BAD_REQUEST, "invalid status code: " + e.getMessage() + "\n");
      return;
    }
    HttpResponseStatus status = code == 418
        ? HttpResponseStatus.valueOf(418, "I'm a teapot") // Netty would call it "Client Error (418)"
        : HttpResponseStatus.valueOf(code);
    FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status);
    if (code / 100 == 3 && code != 304) {
      r.headers().set(HttpHeaderNames.LOCATION, "/redirect/1");
    } else if (code == 401) {
      r.headers().set(HttpHeaderNames.WWW_AUTHENTICATE, HttpbinAuthRoutes.BASIC_CHALLENGE);
    } else if (code == 407) {
      r.headers().set(HttpHeaderNames.PROXY_AUTHENTICATE, HttpbinAuthRoutes.BASIC_CHALLENGE);
    } else if (code == 418) {
      r.headers().set("X-More-Info", "https://www.rfc-editor.org/rfc/rfc2324");
      r.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8");
      r.content().writeBytes(HttpbinSamples.TEAPOT.getBytes(StandardCharsets.UTF_8));
    }
    ex.respond(r);
  }

  /**
   * Parses {@code 404} or {@code 200:0.9,500:0.1} (a missing weight is 1) and picks one code by weight,
   * {@code random} giving a number in [0, 1). Throws IllegalArgumentException naming the fault.
   */
  static int pickStatus(String spec, DoubleSupplier random) {
    String[] choices = spec.split(",", -1);
    int[] codes = new int[choices.length];
    double[] weights = new double[choices.length];
    double total = 0;
    for (int i = 0; i < choices.length; i++) {
      String[] parts = choices[i].trim().split(":", -1);
      if (parts.length > 2) {
        throw new IllegalArgumentException(choices[i]);
      }
      codes[i] = parseCode(parts[0].trim());
      weights[i] = parts.length == 2 ? parseWeight(parts[1].trim()) : 1;
      total += weights[i];
    }
    if (total <= 0) {
      throw new IllegalArgumentException("weights add up to 0: " + spec);
    }
    double at = random.getAsDouble() * total;
    for (int i = 0; i < codes.length; i++) {
      at -= weights[i];
      if (at < 0) {
        return codes[i];
      }
    }
    return codes[codes.length - 1];
  }

  private static int parseCode(String s) {
    int code;
    try {
      code = Integer.parseInt(s);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(s.isEmpty() ? "empty" : s);
    }
    // An informational status cannot end an exchange: the client would wait for the final one.
    if (code < 200 || code > 599) {
      throw new IllegalArgumentException(code + " (use 200 to 599)");
    }
    return code;
  }

  private static double parseWeight(String s) {
    try {
      double w = Double.parseDouble(s);
      if (w >= 0 && Double.isFinite(w)) {
        return w;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException("weight " + s);
  }

  /** Sets each query {@code K=V} as a response header and answers all the response's headers as JSON. */
  static void responseHeaders(HttpExchange ex) {
    FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
    try {
      for (Map.Entry<String, List<String>> e : ex.query().entrySet()) {
        if (FRAMING.contains(e.getKey().toLowerCase(Locale.ROOT))) {
          throw new IllegalArgumentException("cannot set " + e.getKey());
        }
        for (String v : e.getValue()) {
          if (v.indexOf('\r') >= 0 || v.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("CR or LF in the value of " + e.getKey());
          }
          r.headers().add(e.getKey(), v); // validates the name and value
        }
      }
    } catch (IllegalArgumentException e) {
      r.release();
      ex.respondText(HttpResponseStatus.BAD_REQUEST, "invalid response header: " + e.getMessage() + "\n");
      return;
    }
    if (!r.headers().contains(HttpHeaderNames.CONTENT_TYPE)) {
      r.headers().set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON);
    }
    r.content().writeBytes(headersAsJson(r));
    ex.respond(r);
  }

  /** The headers of {@code r} as JSON, Content-Length included: rendered until that length is the body's own. */
  private static byte[] headersAsJson(FullHttpResponse r) {
    Map<String, List<String>> all = new TreeMap<>();
    r.headers().names().forEach(n -> all.put(n, r.headers().getAll(n)));
    byte[] body = new byte[0];
    for (int i = 0; i < 5; i++) {
      all.put(HttpHeaderNames.CONTENT_LENGTH.toString(), List.of(String.valueOf(body.length)));
      byte[] next = (HttpExchange.json(HttpbinEcho.collapse(all)) + "\n").getBytes(StandardCharsets.UTF_8);
      if (next.length == body.length) {
        return next;
      }
      body = next;
    }
    return body;
  }

  static void uuid(HttpExchange ex) {
    ex.respondJson(HttpResponseStatus.OK, Map.of("uuid", UUID.randomUUID().toString()));
  }

  /** Decodes URL-safe or standard base64, padded or not. */
  static void base64(HttpExchange ex) {
    String value = ex.param("value");
    byte[] decoded;
    try {
      boolean urlSafe = value.indexOf('-') >= 0 || value.indexOf('_') >= 0;
      decoded = (urlSafe ? Base64.getUrlDecoder() : Base64.getDecoder()).decode(value);
    } catch (IllegalArgumentException e) {
      ex.respondText(HttpResponseStatus.BAD_REQUEST, "invalid base64 data: " + e.getMessage() + "\n");
      return;
    }
    String type = HttpbinEcho.isUtf8(decoded) ? "text/plain; charset=utf-8" : "application/octet-stream";
    ex.respond(HttpResponseStatus.OK, type, Unpooled.wrappedBuffer(decoded));
  }

  static void gzip(HttpExchange ex) throws IOException {
    respondCompressed(ex, true);
  }

  static void deflate(HttpExchange ex) throws IOException {
    respondCompressed(ex, false);
  }

  /** httpbin's compressed echo, encoded whatever the client accepts (zlib format for deflate, as httpbin). */
  private static void respondCompressed(HttpExchange ex, boolean gzip) throws IOException {
    Map<String, Object> echo = new TreeMap<>();
    echo.put(gzip ? "gzipped" : "deflated", true);
    echo.put("headers", HttpbinEcho.headers(ex));
    echo.put("method", ex.method().name());
    echo.put("origin", HttpbinEcho.origin(ex));
    byte[] json = (HttpExchange.json(echo) + "\n").getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream packed = new ByteArrayOutputStream();
    try (OutputStream out = gzip ? new GZIPOutputStream(packed) : new DeflaterOutputStream(packed)) {
      out.write(json);
    }
    FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK,
        Unpooled.wrappedBuffer(packed.toByteArray()));
    r.headers().set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON)
        .set(HttpHeaderNames.CONTENT_ENCODING, gzip ? HttpHeaderValues.GZIP : HttpHeaderValues.DEFLATE);
    ex.respond(r);
  }

  private static ByteBuf utf8(String s) {
    return Unpooled.wrappedBuffer(s.getBytes(StandardCharsets.UTF_8));
  }
}
