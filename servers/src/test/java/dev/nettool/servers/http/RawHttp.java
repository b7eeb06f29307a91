package dev.nettool.servers.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** Reads HTTP/1.1 responses off a raw socket, byte by byte, so that tests see exactly what was sent. */
final class RawHttp {
  private RawHttp() {}

  /** One response; header names lower-cased. */
  record Response(String statusLine, Map<String, String> headers, String body) {
    int status() {
      return Integer.parseInt(statusLine.split(" ")[1]);
    }
  }

  /** The next response; {@code head} is true for the answer to a HEAD request (no body follows). */
  static Response read(InputStream in, boolean head) throws IOException {
    String status = line(in);
    Map<String, String> headers = new LinkedHashMap<>();
    for (String l = line(in); !l.isEmpty(); l = line(in)) {
      int colon = l.indexOf(':');
      headers.put(l.substring(0, colon).trim().toLowerCase(Locale.ROOT), l.substring(colon + 1).trim());
    }
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    int code = Integer.parseInt(status.split(" ")[1]);
    if (head || code == 204 || code == 304 || code / 100 == 1) {
      return new Response(status, headers, "");
    }
    if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
      for (int size = Integer.parseInt(line(in).trim(), 16); size > 0; size = Integer.parseInt(line(in).trim(), 16)) {
        body.write(in.readNBytes(size));
        line(in);
      }
      line(in);
    } else if (headers.containsKey("content-length")) {
      body.write(in.readNBytes(Integer.parseInt(headers.get("content-length"))));
    } else {
      body.write(in.readAllBytes());
    }
    return new Response(status, headers, body.toString(StandardCharsets.UTF_8));
  }

  private static String line(InputStream in) throws IOException {
    StringBuilder sb = new StringBuilder();
    for (int c = in.read(); c != '\n'; c = in.read()) {
      if (c < 0) {
        throw new IOException("connection closed after '" + sb + "'");
      }
      if (c != '\r') {
        sb.append((char) c);
      }
    }
    return sb.toString();
  }
}
