package dev.nettool.clients.http;

import dev.nettool.protocols.event.Event;
import dev.nettool.protocols.event.Verbosity;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Factories for the events of {@code http-client} and the text of response heads: with {@code -v} the
 * request head goes to stderr prefixed {@code > } and the response head prefixed {@code < }, as curl shows them.
 */
public final class HttpClientEvents {
  private HttpClientEvents() {}

  /** The request head as sent: {@code > GET /get HTTP/1.1}, then its headers, then {@code >}. */
  public static Event request(HttpRequest request) {
    String line = request.method().name() + " " + request.uri() + " " + request.protocolVersion().text();
    return Event.builder("request", Verbosity.VERBOSE)
        .field("method", request.method().name())
        .field("target", request.uri())
        .field("version", request.protocolVersion().text())
        .field("headers", headerList(request.headers()))
        .text(block(line, request.headers(), "> ", "\n").stripTrailing());
  }

  /** The response head as received: {@code < HTTP/1.1 200 OK}, then its headers, then {@code <}. */
  public static Event response(HttpResponse response) {
    return Event.builder("response", Verbosity.VERBOSE)
        .field("status", response.status().code())
        .field("reason", response.status().reasonPhrase())
        .field("version", response.protocolVersion().text())
        .field("headers", headerList(response.headers()))
        .text(block(statusLine(response), response.headers(), "< ", "\n").stripTrailing());
  }

  /** The head as {@code -i} writes it before the body: status line and headers with CRLF, then an empty line. */
  public static String head(HttpResponse response) {
    return block(statusLine(response), response.headers(), "", "\r\n");
  }

  private static String statusLine(HttpResponse r) {
    return r.protocolVersion().text() + " " + r.status().code() + " " + r.status().reasonPhrase();
  }

  private static String block(String first, HttpHeaders headers, String prefix, String eol) {
    StringBuilder sb = new StringBuilder(prefix).append(first).append(eol);
    headers.forEach(h -> sb.append(prefix).append(h.getKey()).append(": ").append(h.getValue()).append(eol));
    return sb.append(prefix.stripTrailing()).append(eol).toString();
  }

  private static List<List<String>> headerList(HttpHeaders headers) {
    List<List<String>> out = new ArrayList<>();
    for (Map.Entry<String, String> h : headers) {
      out.add(List.of(h.getKey(), h.getValue()));
    }
    return out;
  }
}
