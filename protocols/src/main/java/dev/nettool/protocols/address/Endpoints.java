package dev.nettool.protocols.address;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/** Parses client targets and formats host/port pairs. */
public final class Endpoints {
  private static final Map<String, Integer> DEFAULT_PORTS =
      Map.of("http", 80, "https", 443, "ws", 80, "wss", 443);

  private Endpoints() {}

  /**
   * Parses a client target: {@code HOST:PORT}, {@code [v6]:PORT}, {@code unix:/path}, or a URL
   * such as {@code tcp://host:port}, {@code udp://host:port}, {@code http://host/}.
   *
   * @throws IllegalArgumentException naming what is wrong
   */
  public static Endpoint parseTarget(String text) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("target is empty");
    }
    String t = text.trim();
    if (t.startsWith("unix:")) {
      String path = t.substring("unix:".length());
      if (path.startsWith("//")) {
        path = path.substring(2);
      }
      if (path.isEmpty()) {
        throw new IllegalArgumentException("'" + text + "' has no socket path");
      }
      return new Endpoint.Unix(Path.of(path));
    }
    if (t.contains("://")) {
      return parseUrl(text, t);
    }
    return parseHostPort(text, t);
  }

  private static Endpoint parseUrl(String original, String t) {
    try {
      URI uri = new URI(t);
      String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
      String host = uri.getHost();
      if (host == null) {
        throw new IllegalArgumentException("'" + original + "' has no host");
      }
      if (host.startsWith("[") && host.endsWith("]")) {
        host = host.substring(1, host.length() - 1);
      }
      int port = uri.getPort();
      if (port < 0) {
        Integer dflt = DEFAULT_PORTS.get(scheme);
        if (dflt == null) {
          throw new IllegalArgumentException("'" + original + "' has no port");
        }
        port = dflt;
      }
      return new Endpoint.Inet(host, port);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("'" + original + "' is not a valid URL: " + e.getReason(), e);
    }
  }

  private static Endpoint parseHostPort(String original, String t) {
    String host;
    String portText;
    if (t.startsWith("[")) {
      int close = t.indexOf(']');
      if (close < 0 || close + 1 >= t.length() || t.charAt(close + 1) != ':') {
        throw new IllegalArgumentException("'" + original + "' is not [IPv6]:PORT");
      }
      host = t.substring(1, close);
      portText = t.substring(close + 2);
    } else {
      int colon = t.lastIndexOf(':');
      if (colon < 0) {
        throw new IllegalArgumentException("'" + original + "' has no port (expected HOST:PORT)");
      }
      if (t.indexOf(':') != colon) {
        throw new IllegalArgumentException(
            "'" + original + "' is ambiguous: write an IPv6 address as [ADDR]:PORT");
      }
      host = colon == 0 ? "127.0.0.1" : t.substring(0, colon);
      portText = t.substring(colon + 1);
    }
    return new Endpoint.Inet(host, parsePort(portText, original));
  }

  /** Parses a port number 0-65535. */
  public static int parsePort(String text, String context) {
    try {
      int port = Integer.parseInt(text.trim());
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("port " + port + " in '" + context + "' is out of range 0-65535");
      }
      return port;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("'" + text + "' in '" + context + "' is not a port number", e);
    }
  }

  /** {@code host:port}, with IPv6 literals in brackets. */
  public static String hostPort(String host, int port) {
    return host.indexOf(':') >= 0 ? "[" + host + "]:" + port : host + ":" + port;
  }
}
