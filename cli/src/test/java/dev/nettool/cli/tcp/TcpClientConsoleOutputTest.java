package dev.nettool.cli.tcp;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class TcpClientConsoleOutputTest {
  private final List<String> printed = new ArrayList<>();
  private final TcpClientConsoleOutput output = new TcpClientConsoleOutput(printed::add);

  @Test
  void printsTextAsItArrives() {
    write("hello\nworld\n".getBytes(StandardCharsets.UTF_8));

    assertThat(printed).containsExactly("hello\nworld\n");
  }

  @Test
  void turnsCrLfIntoLineEndsEvenAcrossReads() {
    write("one\r\ntwo\r".getBytes(StandardCharsets.UTF_8));
    write("\nthree".getBytes(StandardCharsets.UTF_8));

    assertThat(String.join("", printed)).isEqualTo("one\ntwo\nthree");
  }

  @Test
  void escapesControlCharactersSoThePeerCannotDriveTheTerminal() {
    write(new byte[] {'a', 0x1b, '[', '2', 'J', 0x07, '\t', 'b', 0x7f, '\r', 'c'});

    assertThat(printed).containsExactly("a\\x1b[2J\\x07\tb\\x7f\\rc");
  }

  @Test
  void waitsForTheRestOfACharacterSplitBetweenReads() {
    byte[] euro = "€".getBytes(StandardCharsets.UTF_8);
    write(new byte[] {'x', euro[0]});
    write(new byte[] {euro[1], euro[2], 'y'});

    assertThat(printed).containsExactly("x", "€y");
  }

  private void write(byte[] bytes) {
    output.write(Unpooled.wrappedBuffer(bytes));
  }
}
