package dev.nettool.protocols.testing;

import dev.nettool.protocols.transport.Transport;
import dev.nettool.protocols.transport.TransportKind;
import java.util.stream.Stream;

/** Every transport available on this machine, as a {@code @MethodSource} for loopback ITs. */
public final class Transports {
  private Transports() {}

  public static Stream<TransportKind> available() {
    return Transport.available().stream();
  }
}
