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

  /** The hand-written reader replaced a regular expression; both must take and refuse the same texts. */
  @Test
  void parsesWhatTheRegularExpressionParsed() {
    java.util.regex.Pattern reference = java.util.regex.Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(us|ms|s|m|h|d)?");
    String[] parts = {"0", "1", "12", "007", ".", "5", " ", "\t", "us", "ms", "s", "m", "h", "d", "x", "S", "MS", "-", "e3", ""};
    SplittableRandom random = new SplittableRandom(11);
    for (int i = 0; i < 50_000; i++) {
      StringBuilder sb = new StringBuilder();
      for (int n = random.nextInt(1, 6); n > 0; n--) {
        sb.append(parts[random.nextInt(parts.length)]);
      }
      String text = sb.toString();
      java.util.regex.Matcher m = reference.matcher(text.trim().toLowerCase(Locale.ROOT));
      Duration expected = null;
      if (m.matches()) {
        double value = Double.parseDouble(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2);
        double perUnit = switch (unit) {
          case "us" -> 1e3;
          case "ms" -> 1e6;
          case "s" -> 1e9;
          case "m" -> 60e9;
          case "h" -> 3600e9;
          default -> 86400e9;
        };
        expected = value * perUnit > Long.MAX_VALUE ? null : Duration.ofNanos((long) (value * perUnit));
      }
      Duration actual;
      try {
        actual = Durations.parse(text);
      } catch (IllegalArgumentException e) {
        actual = null;
      }
      assertThat(actual).as("'%s'", text).isEqualTo(expected);
    }
    assertThat(Durations.parse(" 1.5 S ")).isEqualTo(Duration.ofMillis(1500));
    assertThat(Durations.parse("250ms")).isEqualTo(Duration.ofMillis(250));
  }
}
