package dev.nettool.clients.wait;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nettool.protocols.address.Endpoint;
import dev.nettool.protocols.event.Event;
import dev.nettool.protocols.event.EventPrinter;
import dev.nettool.protocols.event.Verbosity;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The text and JSON shapes of the {@code wait} and {@code ready} events. */
@Timeout(10)
class WaitEventsTest {

  @Test
  void describesAFailedAttemptOnlyAtVerboseLevel() {
    Event e = WaitEvents.waiting(new Endpoint.Inet("127.0.0.1", 8080), 3, "connection refused",
        Duration.ofMillis(412));
    assertThat(e.name()).isEqualTo("wait");
    assertThat(e.level()).isEqualTo(Verbosity.VERBOSE);
    assertThat(e.text()).isEqualTo("wait 127.0.0.1:8080 attempt 3: connection refused");
    assertThat(EventPrinter.toJson(e)).endsWith(
        "\"target\":\"127.0.0.1:8080\",\"host\":\"127.0.0.1\",\"port\":8080,\"attempt\":3,"
            + "\"reason\":\"connection refused\",\"ms\":412.0}");
  }

  @Test
  void saysHowLongATargetTookToComeUp() {
    Event e = WaitEvents.ready(new Endpoint.Inet("::1", 443), 7, Duration.ofMillis(1200));
    assertThat(e.name()).isEqualTo("ready");
    assertThat(e.level()).isEqualTo(Verbosity.NORMAL);
    assertThat(e.text()).isEqualTo("ready [::1]:443 after 1.20s");
    assertThat(EventPrinter.toJson(e)).endsWith(
        "\"target\":\"[::1]:443\",\"host\":\"::1\",\"port\":443,\"attempts\":7,\"ms\":1200.0}");
  }

  @Test
  void namesAUnixSocketByItsPath() {
    Event e = WaitEvents.ready(new Endpoint.Unix(Path.of("/run/app.sock")), 1, Duration.ofNanos(350_000));
    assertThat(e.text()).isEqualTo("ready unix:/run/app.sock after 350us");
    assertThat(e.fields()).containsEntry("path", "/run/app.sock").doesNotContainKey("port");
  }
}
