package dev.nettool.clients.http;

import dev.nettool.protocols.address.Endpoint;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * An {@code http://} or {@code https://} URL split into what a request needs: whether to speak TLS, where to
 * connect, the {@code Host} header and the request target (path and query).
 *
 * @param https whether the scheme is {@code https} (TLS, port 443 by default)
 * @param host the host name or address (an IPv6 literal without brackets)
 * @param port the port, 80 (443 for https) unless the URL names one
 * @param target the request target: the path (at least {@code /}) and the query, as written
 */
public record HttpUrl(boolean https, String host, int port, String target) {

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

  /** An {@code http://} URL. */
  public HttpUrl(String host, int port, String target) {
    this(false, host, port, target);
  }

  /**
   * Parses {@code http(s)://host[:port][/path][?query]}; a fragment is dropped, as browsers and curl do.
   *
   * @throws IllegalArgumentException naming what is wrong
   */
  public static HttpUrl parse(String text) {
    String t = text == null ? "" : text.trim();
    int sep = t.indexOf("://");
    String scheme = sep > 0 ? t.substring(0, sep).toLowerCase(Locale.ROOT) : "";
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw new IllegalArgumentException("'" + text + "' is not an http:// or https:// URL");
    }
    try {
      return of(scheme.equals("https"), new URI(t), text);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("'" + text + "' is not a valid URL: " + e.getReason(), e);
    }
  }

  private static HttpUrl of(boolean https, URI uri, String original) {
    String host = uri.getHost();
    if (host == null) {
      throw new IllegalArgumentException("'" + original + "' has no host");
    }
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    int port = uri.getPort() < 0 ? defaultPort(https) : uri.getPort();
    String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
    String query = uri.getRawQuery();
    return new HttpUrl(https, host, port, query == null ? path : path + "?" + query);
  }

  private static int defaultPort(boolean https) {
    return https ? 443 : 80;
  }

  /**
   * Where a {@code Location} header leads from here: an absolute URL, or one relative to this one.
   *
   * @throws IllegalArgumentException when it is malformed or neither {@code http://} nor {@code https://}
   */
  public HttpUrl resolve(String location) {
    try {
      URI next = new URI(toString()).resolve(new URI(location.trim()));
      return parse(next.toString());
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("'" + location + "' is not a valid URL: " + e.getReason(), e);
    }
  }

  /** The value of the {@code Host} header: the port only when it is not the scheme's own. */
  public String hostHeader() {
    String h = host.indexOf(':') >= 0 ? "[" + host + "]" : host;
    return port == defaultPort(https) ? h : h + ":" + port;
  }

  /** Where to connect. */
  public Endpoint endpoint() {
    return new Endpoint.Inet(host, port);
  }

  /** Whether {@code other} is served by the same origin (credentials may follow a redirect there). */
  public boolean sameOrigin(HttpUrl other) {
    return https == other.https && host.equalsIgnoreCase(other.host) && port == other.port;
  }

  @Override
  public String toString() {
    return (https ? "https://" : "http://") + hostHeader() + target;
  }
}
