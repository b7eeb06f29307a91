package dev.nettool.servers.udp;

import java.util.Locale;

/** What the server does with each datagram. */
public enum UdpMode {
  /** Each datagram is shown as a {@code message} event, then dropped. */
  LOG,
  /** Each datagram is sent back to its sender unchanged. */
  ECHO,
  /** Datagrams are counted and dropped; {@code -v} shows them. */
  DISCARD;

  /** The mode's name as typed after {@code --mode}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses {@code log|echo|discard}. */
  public static UdpMode parse(String text) {
    for (UdpMode m : values()) {
      if (m.label().equals(text.trim().toLowerCase(Locale.ROOT))) {
        return m;
      }
    }
    throw new IllegalArgumentException("'" + text + "' is not one of log, echo, discard");
  }
}
