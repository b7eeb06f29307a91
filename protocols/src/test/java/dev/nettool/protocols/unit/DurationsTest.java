package dev.nettool.protocols.unit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DurationsTest {
  @Test
  void shortFormsByMagnitude() {
    assertThat(Durations.format(Duration.ofNanos(999))).isEqualTo("0us");
    assertThat(Durations.format(Duration.ofNanos(350_400))).isEqualTo("350us");
    assertThat(Durations.format(Duration.ofNanos(1_000_000))).isEqualTo("1.0ms");
    assertThat(Durations.format(Duration.ofNanos(1_249_999))).isEqualTo("1.2ms");
    assertThat(Durations.format(Duration.ofNanos(1_250_000))).isEqualTo("1.3ms");
    assertThat(Durations.format(Duration.ofNanos(999_949_999))).isEqualTo("999.9ms");
    assertThat(Durations.format(Duration.ofNanos(999_950_000))).isEqualTo("1000.0ms");
    assertThat(Durations.format(Duration.ofSeconds(1))).isEqualTo("1.00s");
    assertThat(Durations.format(Duration.ofMillis(2_505))).isEqualTo("2.51s");
    assertThat(Durations.format(Duration.ofMillis(2_050))).isEqualTo("2.05s");
    assertThat(Durations.format(Duration.ofMinutes(90))).isEqualTo("5400.00s");
  }

  /** The arithmetic replaced String.format; both must print the same for every magnitude. */
  @Test
  void sameTextAsFormatterRounding() {
    SplittableRandom random = new SplittableRandom(7);
    for (int i = 0; i < 20_000; i++) {
      long nanos = switch (i % 3) {
        case 0 -> random.nextLong(1_000_000);
        case 1 -> random.nextLong(1_000_000, 1_000_000_000);
        default -> random.nextLong(1_000_000_000, 100_000_000_000L);
      };
      assertThat(Durations.format(Duration.ofNanos(nanos))).as("%d ns", nanos).isEqualTo(formatted(nanos));
    }
  }

  private static String formatted(long nanos) {
    if (nanos < 1_000_000) {
      return String.format(Locale.ROOT, "%dus", nanos / 1_000);
    }
    if (nanos < 1_000_000_000) {
      return String.format(Locale.ROOT, "%.1fms", nanos / 1e6);
    }
    return String.format(Locale.ROOT, "%.2fs", nanos / 1e9);
  }
}
