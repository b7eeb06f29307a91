package dev.nettool.cli.options;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nettool.protocols.NettoolException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@Timeout(5)
class EscapesTest {

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "ping\\n|70696e670a",
      "a\\r\\n|610d0a",
      "tab\\there|7461620968657265",
      "\\x00\\xff|00ff",
      "back\\\\n|6261636b5c6e",
      "keep \\q|6b656570205c71",
      "trailing\\|747261696c696e675c",
      "é\\n|c3a90a"})
  void turnsEscapesIntoBytesLikeEchoE(String text, String hex) {
    assertThat(java.util.HexFormat.of().formatHex(Escapes.toBytes(text, "--data"))).isEqualTo(hex);
  }

  @ParameterizedTest
  @CsvSource({"\\x", "\\x4", "\\xzz"})
  void rejectsAHexEscapeWithoutTwoDigits(String text) {
    assertThatThrownBy(() -> Escapes.toBytes(text, "--data"))
        .isInstanceOf(NettoolException.class)
        .hasMessageContaining("--data: '" + text + "' has a \\x escape without two hex digits");
  }

  @ParameterizedTest
  @CsvSource({"plain text"})
  void leavesPlainTextAlone(String text) {
    assertThat(Escapes.toBytes(text, "--data")).isEqualTo(text.getBytes(StandardCharsets.UTF_8));
  }
}
