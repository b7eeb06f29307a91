package dev.nettool.clients.ws;

import dev.nettool.protocols.address.Endpoint;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * A {@code ws://} or {@code wss://} URL: where to connect, whether TLS is spoken, and the URI the upgrade
 * request names.
 *
 * @param secure whether the scheme is {@code wss}
 * @param host the host name or address (an IPv6 literal without brackets)
 * @param port the port: 80 or 443 unless the URL names one
 * @param uri the URL as parsed, fragment dropped
 */
public record WsUrl(boolean secure, String host, int port, URI uri) {

  /**
   * Parses {@code ws[s]://host[:port][/path][?query]}.
   *
   * @throws IllegalArgumentException naming what is wrong
   */
  public static WsUrl parse(String text) {
    String t = text == null ? "" : text.trim();
    int sep = t.indexOf("://");
    String scheme = sep > 0 ? t.substring(0, sep).toLowerCase(Locale.ROOT) : "";
    if (!scheme.equals("ws") && !scheme.equals("wss")) {
      throw new IllegalArgumentException("'" + text + "' is not a ws:// or wss:// URL");
    }
    URI uri;
    try {
      uri = new URI(t);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("'" + text + "' is not a valid URL: " + e.getReason(), e);
    }
    String host = uri.getHost();
    if (host == null) {
      throw new IllegalArgumentException("'" + text + "' has no host");
    }
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    boolean secure = scheme.equals("wss");
    int port = uri.getPort() < 0 ? (secure ? 443 : 80) : uri.getPort();
    if (port == 0) {
      throw new IllegalArgumentException("'" + text + "' names port 0");
    }
    String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
    String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
    return new WsUrl(secure, host, port, URI.create(scheme + "://" + uri.getRawAuthority() + path + query));
  }

  /** Where to connect. */
  public Endpoint endpoint() {
    return new Endpoint.Inet(host, port);
  }

  @Override
  public String toString() {
    return uri.toString();
  }
}
