package dev.nettool.servers.http;

import com.fasterxml.jackson.jr.ob.JSON;
import dev.nettool.protocols.unit.Durations;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * The httpbin endpoints about time and streams: {@code /delay}, {@code /drip}, {@code /stream},
 * {@code /bytes}, {@code /stream-bytes}, {@code /range}, {@code /sse}, {@code /unstable}. Nothing here
 * sleeps: waits are tasks scheduled on the connection's event loop, and every stream writes its next
 * piece only once the last one was taken, stopping when the client leaves.
 */
final class HttpbinStreamRoutes implements HttpRouteGroup {
  /** Longest wait any of these endpoints makes, as httpbin. */
  static final Duration MAX_WAIT = Duration.ofSeconds(10);
  /** Most bytes {@code /bytes}, {@code /stream-bytes} and {@code /range} produce, as httpbin (100 KB). */
  static final int MAX_BYTES = 100 * 1024;
  /** Most bytes {@code /drip} produces. */
  static final int MAX_DRIP_BYTES = 10 << 20;
  /** Most lines of {@code /stream} and events of {@code /sse}. */
  static final int MAX_LINES = 100;
  // A drip goes out in at most this many pieces, so 10 MB over 10 s is 1,000 writes, not 10 million.
  private static final int MAX_DRIP_PIECES = 1000;

  private final Clock clock;

  HttpbinStreamRoutes(Clock clock) {
    this.clock = clock;
  }

  @Override
  public void addTo(HttpRouteTable.Builder table) {
    table.add(null, "/delay/{seconds}", badInputIs400(this::delay));
    table.add(HttpMethod.GET, "/drip", badInputIs400(this::drip));
    table.add(HttpMethod.GET, "/stream/{n}", badInputIs400(this::stream));
    table.add(HttpMethod.GET, "/bytes/{n}", badInputIs400(this::bytes));
    table.add(HttpMethod.GET, "/stream-bytes/{n}", badInputIs400(this::streamBytes));
    table.add(HttpMethod.GET, "/range/{n}", badInputIs400(this::range));
    table.add(HttpMethod.GET, "/sse", badInputIs400(this::sse));
    table.add(HttpMethod.GET, "/unstable", badInputIs400(this::unstable));
  }

  /** The echo after {@code seconds} (fractions allowed, at most 10). */
  void delay(HttpExchange ex) {
    long nanos = capped(seconds(ex.param("seconds"), "seconds"));
    // The request is only valid while this method runs: take the answer now, send it later.
    Map<String, Object> answer = HttpbinEcho.basic(ex);
    ex.channel().eventLoop().schedule(() -> {
      if (ex.channel().isActive()) {
        ex.respondJson(HttpResponseStatus.OK, answer);
      }
    }, nanos, TimeUnit.NANOSECONDS);
  }

  /** After {@code delay}, {@code numbytes} asterisks spread evenly over {@code duration}, with {@code code}. */
  void drip(HttpExchange ex) {
    long delay = capped(duration(ex, "delay", Duration.ofSeconds(2)));
    long duration = Math.min(duration(ex, "duration", Duration.ofSeconds(2)).toNanos(), MAX_WAIT.toNanos() - delay);
    int numbytes = (int) Math.min(count(ex.queryParam("numbytes"), "numbytes", 10), MAX_DRIP_BYTES);
    HttpResponseStatus code = status(ex.queryParam("code"));
    int pieces = Math.min(numbytes, MAX_DRIP_PIECES);
    ex.channel().eventLoop().schedule(() -> {
      if (!ex.channel().isActive()) {
        return;
      }
      HttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, code);
      head.headers().set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_OCTET_STREAM);
      HttpUtil.setContentLength(head, numbytes);
      long interval = pieces == 0 ? 0 : duration / pieces;
      HttpPacedWriter.start(ex, ex.stream(head), pieces, interval, interval,
          i -> asterisks(share(numbytes, pieces, i)));
    }, delay, TimeUnit.NANOSECONDS);
  }

  /** {@code n} lines of JSON (at most 100), each the echo with its {@code id}. */
  void stream(HttpExchange ex) {
    int n = (int) Math.min(count(ex.param("n"), "n", 0), MAX_LINES);
    Map<String, Object> echo = HttpbinEcho.basic(ex);
    HttpPacedWriter.start(ex, ex.stream(HttpResponseStatus.OK, HttpHeaderValues.APPLICATION_JSON), n, 0, 0, i -> {
      Map<String, Object> line = new LinkedHashMap<>(echo);
      line.put("id", i);
      return utf8(compactJson(line) + "\n");
    });
  }

  /** {@code n} random bytes (at most 100 KB); {@code seed} makes them the same every time. */
  void bytes(HttpExchange ex) {
    byte[] bytes = randomBytes(ex, (int) Math.min(count(ex.param("n"), "n", 0), MAX_BYTES));
    ex.respond(HttpResponseStatus.OK, HttpHeaderValues.APPLICATION_OCTET_STREAM, Unpooled.wrappedBuffer(bytes));
  }

  /** As {@link #bytes}, chunked in pieces of {@code chunk_size} (default 10 KB). */
  void streamBytes(HttpExchange ex) {
    byte[] bytes = randomBytes(ex, (int) Math.min(count(ex.param("n"), "n", 0), MAX_BYTES));
    int chunk = (int) Math.max(1, Math.min(count(ex.queryParam("chunk_size"), "chunk_size", 10240), MAX_BYTES));
    int pieces = (bytes.length + chunk - 1) / chunk;
    HttpExchange.HttpResponseStream out = ex.stream(HttpResponseStatus.OK, HttpHeaderValues.APPLICATION_OCTET_STREAM);
    HttpPacedWriter.start(ex, out, pieces, 0, 0,
        i -> Unpooled.wrappedBuffer(bytes, i * chunk, Math.min(chunk, bytes.length - i * chunk)));
  }

  /** {@code n} bytes of a-z (at most 100 KB) that honour a single {@code Range}; see {@link HttpByteRange}. */
  void range(HttpExchange ex) {
    int n = (int) Math.min(count(ex.param("n"), "n", 0), MAX_BYTES);
    HttpbinRange.answer(ex, n, "\"range" + n + "\"");
  }

  /** {@code count} server-sent events (default 10, at most 100), {@code delay} apart (default 1 s, at most 10 s). */
  void sse(HttpExchange ex) {
    int count = (int) Math.min(count(ex.queryParam("count"), "count", 10), MAX_LINES);
    long delay = capped(duration(ex, "delay", Duration.ofSeconds(1)));
    HttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
    head.headers().set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.TEXT_EVENT_STREAM)
        .set(HttpHeaderNames.CACHE_CONTROL, HttpHeaderValues.NO_CACHE);
    HttpPacedWriter.start(ex, ex.stream(head), count, 0, delay, i -> utf8(
        "id: " + i + "\nevent: ping\ndata: {\"id\":" + i + ",\"timestamp\":" + clock.millis() + "}\n\n"));
  }

  /**
   * 500 with probability {@code failure_rate} (default 0.5), else 200. With {@code seed} the outcome is
   * decided by {@code new Random(seed).nextDouble()}: the same URL always gets the same answer.
   */
  void unstable(HttpExchange ex) {
    String rateText = ex.queryParam("failure_rate");
    double rate = rateText == null ? 0.5 : number(rateText, "failure_rate");
    if (!(rate >= 0 && rate <= 1)) {
      throw new IllegalArgumentException("failure_rate must be between 0 and 1: " + rateText);
    }
    String seed = ex.queryParam("seed");
    double draw = seed == null ? ThreadLocalRandom.current().nextDouble() : new Random(seedOf(seed)).nextDouble();
    HttpResponseStatus status = draw < rate ? HttpResponseStatus.INTERNAL_SERVER_ERROR : HttpResponseStatus.OK;
    ex.respondJson(status, Map.of("status", status.code(), "failure_rate", rate));
  }

  // Bad numbers in the path or the query are the client's fault: 400 with the reason, not a 500.
  private static HttpHandler badInputIs400(HttpHandler h) {
    return ex -> {
      try {
        h.handle(ex);
      } catch (IllegalArgumentException e) {
        ex.respondJson(HttpResponseStatus.BAD_REQUEST, Map.of("error", e.getMessage()));
      }
    };
  }

  private static byte[] randomBytes(HttpExchange ex, int n) {
    String seed = ex.queryParam("seed");
    byte[] bytes = new byte[n];
    (seed == null ? ThreadLocalRandom.current() : new Random(seedOf(seed))).nextBytes(bytes);
    return bytes;
  }

  private static long seedOf(String text) {
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("seed must be an integer: " + text);
    }
  }

  private static long count(String text, String name, long dflt) {
    if (text == null) {
      return dflt;
    }
    try {
      long v = Long.parseLong(text);
      if (v >= 0) {
        return v;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw new IllegalArgumentException(name + " must be a whole number >= 0: " + text);
  }

  private static double number(String text, String name) {
    try {
      return Double.parseDouble(text);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " must be a number: " + text);
    }
  }

  private static Duration seconds(String text, String name) {
    double s = number(text, name);
    if (!(s >= 0) || Double.isInfinite(s)) {
      throw new IllegalArgumentException(name + " must be a number of seconds >= 0: " + text);
    }
    return Duration.ofNanos((long) (Math.min(s, MAX_WAIT.toSeconds()) * 1e9));
  }

  // A query duration: seconds (1.5) or with a unit (500ms).
  private static Duration duration(HttpExchange ex, String name, Duration dflt) {
    String text = ex.queryParam(name);
    if (text == null) {
      return dflt;
    }
    try {
      return Durations.parse(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(name + ": " + e.getMessage());
    }
  }

  private static long capped(Duration d) {
    return Math.min(d.toNanos(), MAX_WAIT.toNanos());
  }

  private static HttpResponseStatus status(String text) {
    long code = count(text, "code", 200);
    if (code < 100 || code > 599) {
      throw new IllegalArgumentException("code must be an HTTP status 100-599: " + text);
    }
    return HttpResponseStatus.valueOf((int) code);
  }

  // Piece i's share when total bytes are split into pieces as evenly as whole bytes allow.
  private static int share(int total, int pieces, int i) {
    return (int) ((long) total * (i + 1) / pieces - (long) total * i / pieces);
  }

  private static ByteBuf asterisks(int n) {
    byte[] b = new byte[n];
    java.util.Arrays.fill(b, (byte) '*');
    return Unpooled.wrappedBuffer(b);
  }

  private static ByteBuf utf8(String s) {
    return Unpooled.wrappedBuffer(s.getBytes(StandardCharsets.UTF_8));
  }

  private static String compactJson(Object value) {
    try {
      return JSON.std.asString(value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
