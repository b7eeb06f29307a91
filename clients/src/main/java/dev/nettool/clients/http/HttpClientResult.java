package dev.nettool.clients.http;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The final response of a run, known once its body has been written out (or kept).
 *
 * @param url the URL that answered (after redirects)
 * @param status the status code
 * @param reason the reason phrase
 * @param version the protocol version, {@code HTTP/1.1} or {@code HTTP/2.0}
 * @param headers the response headers in order; a name may repeat
 * @param body the body when it was kept ({@link HttpClientConfig#aggregate()}), else {@code null}
 * @param bodyBytes the body's length as received (after inflating, with {@code --compressed})
 * @param connect how long the last connect took
 * @param firstByte from the start of the run to the first byte of the final response
 * @param total from the start of the run to the end of the final response
 * @param redirects how many redirects were followed
 * @param unmetBody the body expectations not met, described ({@code 'ok'}, {@code /o+k/})
 * @param tls the final connection's TLS facts ({@code tls}, {@code cipher}, {@code subject}, {@code alpn}), or
 *     {@code null} when it was plain http
 */
public record HttpClientResult(HttpUrl url, int status, String reason, String version,
    List<Map.Entry<String, String>> headers, byte[] body, long bodyBytes, Duration connect, Duration firstByte,
    Duration total, int redirects, List<String> unmetBody, Map<String, Object> tls) {

  public HttpClientResult {
    headers = List.copyOf(headers);
    unmetBody = List.copyOf(unmetBody);
    body = body == null ? null : body.clone();
    tls = tls == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(tls));
  }

  @Override
  public byte[] body() {
    return body == null ? null : body.clone();
  }

  /** The values of every header named {@code name} (any case), in order. */
  public List<String> headerValues(String name) {
    return headers.stream().filter(h -> h.getKey().equalsIgnoreCase(name)).map(Map.Entry::getValue).toList();
  }
}
