package dev.nettool.protocols.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nettool.protocols.ExitCode;
import dev.nettool.protocols.NettoolException;
import java.io.IOException;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(5)
class TransportSelectionTest {
  private static final Function<TransportKind, Throwable> NONE_NATIVE =
      kind -> new IllegalStateException("could not load the " + kind.label() + " library",
          new IOException("no such file: libnetty_transport_native_" + kind.label() + ".so"));
  private static final Function<TransportKind, Throwable> ALL_NATIVE = kind -> null;

  @Test
  void autoPrefersEpoll() {
    Transport t = Transport.select(TransportKind.AUTO, ALL_NATIVE);
    assertThat(t.kind()).isEqualTo(TransportKind.EPOLL);
    assertThat(t.fallbackNote()).isEmpty();
  }

  @Test
  void autoFallsBackToNioAndSaysWhy() {
    Transport t = Transport.select(TransportKind.AUTO, NONE_NATIVE);
    assertThat(t.kind()).isEqualTo(TransportKind.NIO);
    assertThat(t.fallbackNote()).contains("epoll unavailable: no such file: libnetty_transport_native_epoll.so");
  }

  @Test
  void anExplicitUnavailableTransportIsAUsageErrorNamingTheCause() {
    assertThatThrownBy(() -> Transport.select(TransportKind.IO_URING, NONE_NATIVE))
        .isInstanceOfSatisfying(NettoolException.class, e -> {
          assertThat(e.exitCode()).isEqualTo(ExitCode.USAGE);
          assertThat(e.what()).isEqualTo("--transport io_uring");
          assertThat(e.detail()).isEqualTo("not available here: no such file: libnetty_transport_native_io_uring.so");
        });
  }

  @Test
  void nioIsAlwaysThere() {
    assertThat(Transport.select(TransportKind.NIO, NONE_NATIVE).kind()).isEqualTo(TransportKind.NIO);
  }

  @Test
  void parsesTheNamesPeopleType() {
    assertThat(TransportKind.parse("io-uring")).isEqualTo(TransportKind.IO_URING);
    assertThat(TransportKind.parse("EPOLL")).isEqualTo(TransportKind.EPOLL);
    assertThatThrownBy(() -> TransportKind.parse("kqueue"))
        .hasMessage("'kqueue' is not one of auto, epoll, io_uring, nio");
  }
}
