package dev.nettool.protocols.transport;

import java.util.Locale;

/** What the user asked for with {@code --transport}. */
public enum TransportKind {
  AUTO,
  EPOLL,
  IO_URING,
  NIO;

  /** The name as written on the command line and in the ready line. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses {@code auto|epoll|io_uring|nio} (also {@code io-uring}, {@code iouring}). */
  public static TransportKind parse(String text) {
    String t = text.trim().toLowerCase(Locale.ROOT).replace('-', '_');
    if (t.equals("iouring")) {
      t = "io_uring";
    }
    for (TransportKind k : values()) {
      if (k.label().equals(t)) {
        return k;
      }
    }
    throw new IllegalArgumentException("'" + text + "' is not one of auto, epoll, io_uring, nio");
  }
}
