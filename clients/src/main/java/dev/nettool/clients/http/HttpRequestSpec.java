package dev.nettool.clients.http;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One request as the user described it: method, URL, the headers given ({@code -H}, {@code -u}, {@code -b}),
 * and the body. Headers the client adds itself ({@code Host}, {@code Content-Length}) are not here.
 *
 * @param method the method, upper case as sent
 * @param url where it goes
 * @param headers name/value pairs in order; a name may repeat
 * @param body what follows the head
 */
public record HttpRequestSpec(String method, HttpUrl url, List<Map.Entry<String, String>> headers,
    HttpRequestBody body) {

  public HttpRequestSpec {
    headers = List.copyOf(headers);
    if (method == null || method.isBlank()) {
      throw new IllegalArgumentException("method is empty");
    }
  }

  /** A GET of {@code url} with no extra headers. */
  public static HttpRequestSpec get(HttpUrl url) {
    return new HttpRequestSpec("GET", url, List.of(), HttpRequestBody.empty());
  }

  /** Whether a header named {@code name} (any case) was given. */
  public boolean hasHeader(String name) {
    return headers.stream().anyMatch(h -> h.getKey().equalsIgnoreCase(name));
  }

  /**
   * The request that follows a redirect to {@code next}, as curl does it: 301, 302 and 303 become a GET
   * without body (HEAD stays HEAD); 307 and 308 keep method and body. Credentials do not leave the origin.
   */
  public HttpRequestSpec redirectedTo(int status, HttpUrl next) {
    boolean keep = status == 307 || status == 308;
    String m = keep || method.equals("HEAD") ? method : "GET";
    HttpRequestBody b = keep ? body : HttpRequestBody.empty();
    boolean sameOrigin = url.sameOrigin(next);
    List<Map.Entry<String, String>> kept = headers.stream()
        .filter(h -> sameOrigin || !isCredential(h.getKey()))
        .filter(h -> keep || !h.getKey().equalsIgnoreCase("content-type"))
        .toList();
    return new HttpRequestSpec(m, next, kept, b);
  }

  private static boolean isCredential(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    return n.equals("authorization") || n.equals("cookie");
  }
}
