package dev.nettool.cli.http;

import com.fasterxml.jackson.jr.ob.JSON;
import dev.nettool.clients.http.HttpClientResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code --json-output}: the final response as one JSON object. Headers map names to a value, or to an
 * array when a name repeats (as httpbin shows query strings); a body that is not UTF-8 is base64 with
 * {@code "bodyBase64": true}. Over https, {@code tls} holds the final connection's version, cipher suite,
 * server certificate subject and ALPN protocol.
 */
final class HttpResultJson {
  private HttpResultJson() {}

  static String of(HttpClientResult r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("url", r.url().toString());
    m.put("status", r.status());
    m.put("reason", r.reason());
    m.put("httpVersion", r.version());
    m.put("headers", headers(r.headers()));
    byte[] body = r.body() == null ? new byte[0] : r.body();
    String text = utf8(body);
    m.put("body", text != null ? text : Base64.getEncoder().encodeToString(body));
    m.put("bodyBase64", text == null);
    m.put("bodyBytes", r.bodyBytes());
    Map<String, Object> t = new LinkedHashMap<>();
    t.put("connect", millis(r.connect()));
    t.put("firstByte", millis(r.firstByte()));
    t.put("total", millis(r.total()));
    m.put("timings", t);
    m.put("redirects", r.redirects());
    if (r.tls() != null) {
      m.put("tls", r.tls());
    }
    try {
      return JSON.std.asString(m);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Map<String, Object> headers(List<Map.Entry<String, String>> headers) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (Map.Entry<String, String> h : headers) {
      Object seen = out.get(h.getKey());
      if (seen == null) {
        out.put(h.getKey(), h.getValue());
      } else if (seen instanceof List<?> list) {
        @SuppressWarnings("unchecked")
        List<Object> values = (List<Object>) list;
        values.add(h.getValue());
      } else {
        List<Object> values = new ArrayList<>();
        values.add(seen);
        values.add(h.getValue());
        out.put(h.getKey(), values);
      }
    }
    return out;
  }

  private static String utf8(byte[] body) {
    try {
      return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(body)).toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }

  static double millis(Duration d) {
    return Math.round(d.toNanos() / 1e3) / 1e3;
  }
}
