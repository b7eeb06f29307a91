package dev.nettool.clients.http;

import dev.nettool.protocols.address.Endpoint;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * An {@code http://} URL split into what a request needs: where to connect, the {@code Host} header and the
 * request target (path and query).
 *
 * @param host the host name or address (an IPv6 literal without brackets)
 * @param port the port, 80 unless the URL names one
 * @param target the request target: the path (at least {@code /}) and the query, as written
 */
public record HttpUrl(String host, int port, String target) {

  public HttpUrl {
    if (host == null || host.isEmpty()) {
      throw new IllegalArgumentException("host is empty");
    }
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("port " + port + " is out of range 1-65535");
    }
    if (target == null || !target.startsWith("/")) {
      throw new IllegalArgumentException("request target must start with /");
    }
  }

  /**
   * Parses {@code http://host[:port][/path][?query]}; a fragment is dropped, as browsers and curl do.
   *
   * @throws IllegalArgumentException naming what is wrong; {@code https://} is not supported yet
   */
  public static HttpUrl parse(String text) {
    String t = text == null ? "" : text.trim();
    int sep = t.indexOf("://");
    String scheme = sep > 0 ? t.substring(0, sep).toLowerCase(Locale.ROOT) : "";
    if (scheme.equals("https")) {
      throw new IllegalArgumentException("https:// is not supported yet");
    }
    if (!scheme.equals("http")) {
      throw new IllegalArgumentException("'" + text + "' is not an http:// URL");
    }
    try {
      return of(new URI(t), text);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("'" + text + "' is not a valid URL: " + e.getReason(), e);
    }
  }

  private static HttpUrl of(URI uri, String original) {
    String host = uri.getHost();
    if (host == null) {
      throw new IllegalArgumentException("'" + original + "' has no host");
    }
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    int port = uri.getPort() < 0 ? 80 : uri.getPort();
    String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
    String query = uri.getRawQuery();
    return new HttpUrl(host, port, query == null ? path : path + "?" + query);
  }

  /**
   * Where a {@code Location} header leads from here: an absolute URL, or one relative to this one.
   *
   * @throws IllegalArgumentException when it is malformed or not {@code http://}
   */
  public HttpUrl resolve(String location) {
    try {
      URI next = new URI(toString()).resolve(new URI(location.trim()));
      return parse(next.toString());
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("'" + location + "' is not a valid URL: " + e.getReason(), e);
    }
  }

  /** The value of the {@code Host} header: the port only when it is not 80. */
  public String hostHeader() {
    String h = host.indexOf(':') >= 0 ? "[" + host + "]" : host;
    return port == 80 ? h : h + ":" + port;
  }

  /** Where to connect. */
  public Endpoint endpoint() {
    return new Endpoint.Inet(host, port);
  }

  /** Whether {@code other} is served by the same origin (credentials may follow a redirect there). */
  public boolean sameOrigin(HttpUrl other) {
    return host.equalsIgnoreCase(other.host) && port == other.port;
  }

  @Override
  public String toString() {
    return "http://" + hostHeader() + target;
  }
}
