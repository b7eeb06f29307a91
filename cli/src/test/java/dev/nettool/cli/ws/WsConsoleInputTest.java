package dev.nettool.cli.ws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nettool.cli.CliHarness;
import dev.nettool.cli.CliResult;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** What a line typed at the ws-client prompt means, and the command's usage errors. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class WsConsoleInputTest {

  @Test
  void readsPlainLinesAndDoubleSlashesAsText() {
    assertThat(WsConsoleInput.parse("hello")).isEqualTo(new WsConsoleInput.Text("hello"));
    assertThat(WsConsoleInput.parse("//etc")).isEqualTo(new WsConsoleInput.Text("/etc"));
  }

  @Test
  void readsSlashCommands() {
    assertThat(WsConsoleInput.parse("/quit")).isEqualTo(new WsConsoleInput.Close(0, ""));
    assertThat(WsConsoleInput.parse("/close 4000 see you")).isEqualTo(new WsConsoleInput.Close(4000, "see you"));
    assertThat(((WsConsoleInput.Ping) WsConsoleInput.parse("/ping abc")).payload()).asString().isEqualTo("abc");
    assertThat(((WsConsoleInput.Binary) WsConsoleInput.parse("/binary 01 ff")).bytes())
        .containsExactly(0x01, 0xff);
  }

  @Test
  void explainsWhatItCannotUnderstand() {
    assertThat(WsConsoleInput.parse("/close 1005")).isEqualTo(
        new WsConsoleInput.Invalid("/close: 1005 may not be sent (1000-1003, 1007-1014 or 3000-4999)"));
    assertThat(WsConsoleInput.parse("/binary abc")).isEqualTo(
        new WsConsoleInput.Invalid("/binary: 'abc' is not an even number of hex digits"));
    assertThat(WsConsoleInput.parse("/nope")).isInstanceOf(WsConsoleInput.Invalid.class);
  }

  @Test
  void escapesControlCharactersSoTheyCannotMoveTheCursor() {
    assertThat(WsConsoleFormat.escape("a\nb\u001b[2Jc")).isEqualTo("a\\nb\\x1b[2Jc");
  }

  @Test
  void refusesAnUrlThatIsNotWebSocketAndACloseCodeThatMayNotBeSent() {
    CliResult url = CliHarness.run("ws-client", "http://127.0.0.1:1/");
    assertThat(url.exitCode()).isEqualTo(2);
    assertThat(url.err()).contains("'http://127.0.0.1:1/' is not a ws:// or wss:// URL");

    CliResult code = CliHarness.run("ws-client", "ws://127.0.0.1:1/", "--close-code", "1006");
    assertThat(code.exitCode()).isEqualTo(2);
    assertThat(code.err()).isEqualTo("nettool: --close-code: 1006 may not be sent (1000-1003, 1007-1014 or "
        + "3000-4999)\n");
  }
}
