package dev.nettool.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.jline.reader.LineReader;
import org.jline.terminal.Terminal;
import org.jline.utils.InfoCmp.Capability;

/** What the interactive clients' prompts share: printing above the line being typed, and leaving the terminal. */
public final class ConsolePrompt {
  private ConsolePrompt() {}

  /** A stream whose bytes are collected into lines, each printed above {@code reader}'s prompt. */
  public static PrintStream above(LineReader reader) {
    return new PrintStream(new LineSplitter(reader), true, StandardCharsets.UTF_8);
  }

  /** Removes a prompt still showing and gives the terminal back as it was. */
  public static void release(LineReader reader, Terminal terminal) {
    if (reader.isReading()) {
      terminal.writer().print('\r');
      terminal.puts(Capability.clr_eol);
      terminal.flush();
    }
    try {
      terminal.close();
    } catch (IOException e) {
      // nothing more can be done for a terminal that will not close
    }
  }

  private static final class LineSplitter extends OutputStream {
    private final LineReader reader;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();

    LineSplitter(LineReader reader) {
      this.reader = reader;
    }

    @Override
    public synchronized void write(int b) {
      if (b == '\n') {
        reader.printAbove(line.toString(StandardCharsets.UTF_8));
        line.reset();
      } else {
        line.write(b);
      }
    }
  }
}
