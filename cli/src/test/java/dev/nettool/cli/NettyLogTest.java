package dev.nettool.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.util.internal.logging.InternalLogger;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class NettyLogTest {
  @Test
  void fillsPlaceholdersInOrderAndLeavesExtraOnesAsTheyAre() {
    assertThat(NettyLog.format("a {} b {}", 1, "two")).isEqualTo("a 1 b two");
    assertThat(NettyLog.format("only {}", 1, 2)).isEqualTo("only 1");
    assertThat(NettyLog.format("{} and {}", "x")).isEqualTo("x and {}");
    assertThat(NettyLog.format(null)).isEqualTo("null");
  }

  @Test
  void aTrailingThrowableBeyondThePlaceholdersIsTheCause() {
    IOException e = new IOException("reset");
    assertThat(NettyLog.cause("failed on {}", "ch", e)).isSameAs(e);
    assertThat(NettyLog.cause("failed on {} with {}", "ch", e)).isNull();
    assertThat(NettyLog.cause("no args")).isNull();
  }

  @Test
  void warningsAndErrorsAreOneLineOnStderrAndTheRestIsDropped() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    InternalLogger log = NettyLog.forTest(err).newInstance("io.netty.test");

    log.debug("not shown {}", 1);
    log.info("not shown");
    log.warn("leak of {} detected", "buf", new IllegalStateException("twice"));
    log.error("event loop {} failed", 3);
    log.error("bare", new IOException("gone"));

    assertThat(log.isDebugEnabled()).isFalse();
    assertThat(log.isWarnEnabled()).isTrue();
    assertThat(bytes.toString(StandardCharsets.UTF_8).lines()).containsExactly(
        "nettool: netty: leak of buf detected: java.lang.IllegalStateException: twice",
        "nettool: netty: event loop 3 failed",
        "nettool: netty: bare: java.io.IOException: gone");
  }
}
