package dev.nettool.protocols.tls;

import io.netty.util.NetUtil;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.regex.Pattern;

/** One subject alternative name of a server certificate: a DNS name or an IP address. */
public sealed interface SubjectName {
  /** The name as it appears in a certificate's common name: {@code localhost}, {@code ::1}. */
  String value();

  /** A DNS name, possibly a wildcard ({@code *.example.test}). */
  record Dns(String value) implements SubjectName {
    private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9_]([A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?");

    public Dns {
      String why = problem(value);
      if (why != null) {
        throw new IllegalArgumentException("'" + value + "' is not a DNS name: " + why);
      }
    }

    private static String problem(String name) {
      if (name.isEmpty()) {
        return "it is empty";
      }
      if (name.length() > 253) {
        return "longer than 253 characters";
      }
      String rest = name.startsWith("*.") ? name.substring(2) : name;
      for (String label : rest.split("\\.", -1)) {
        if (!LABEL.matcher(label).matches()) {
          return label.isEmpty() ? "it has an empty label" : "bad label '" + label + "'";
        }
      }
      return null;
    }

    @Override
    public String toString() {
      return "DNS:" + value;
    }
  }

  /** An IP address, v4 or v6. */
  record Ip(InetAddress address) implements SubjectName {
    @Override
    public String value() {
      return NetUtil.toAddressString(address);
    }

    @Override
    public String toString() {
      return "IP:" + value();
    }
  }

  /**
   * Parses {@code DNS:name}, {@code IP:address} or a bare value, which is an IP address when it looks like
   * one (digits and dots, or a colon) and a DNS name otherwise.
   *
   * @throws IllegalArgumentException naming what is wrong with {@code text}
   */
  static SubjectName parse(String text) {
    int colon = text.indexOf(':');
    String prefix = colon > 0 ? text.substring(0, colon).toUpperCase(Locale.ROOT) : "";
    if (prefix.equals("DNS")) {
      return new Dns(text.substring(colon + 1));
    }
    if (prefix.equals("IP")) {
      return ip(text.substring(colon + 1), text);
    }
    if (prefix.matches("[A-Z]+") && !NetUtil.isValidIpV6Address(text)) {
      throw new IllegalArgumentException("'" + text + "' has an unknown type " + prefix + ": (DNS: or IP: expected)");
    }
    if (text.contains(":") || text.matches("[0-9.]+")) {
      return ip(text, text);
    }
    return new Dns(text);
  }

  private static Ip ip(String address, String text) {
    String bare = address.startsWith("[") && address.endsWith("]") ? address.substring(1, address.length() - 1) : address;
    byte[] bytes = NetUtil.createByteArrayFromIpAddressString(bare);
    if (bytes == null) {
      throw new IllegalArgumentException("'" + text + "' is not an IP address");
    }
    try {
      return new Ip(InetAddress.getByAddress(bytes));
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("'" + text + "' is not an IP address", e);
    }
  }
}
