package dev.nettool.cli.tcp;

import dev.nettool.cli.ConsolePrompt;
import dev.nettool.clients.tcp.TcpClientConnection;
import dev.nettool.clients.tcp.TcpClientOutput;
import dev.nettool.protocols.ExitCode;
import java.io.IOError;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

/**
 * The interactive side of {@code tcp-client} when stdin is a terminal: a JLine prompt with history, every
 * entered line sent with {@code \n}, what arrives printed above the prompt without tearing the line being
 * typed. Ctrl-D finishes sending (FIN); Ctrl-C, at the prompt or not, ends the run with 130.
 */
final class TcpClientConsole implements AutoCloseable {
  private static final String PROMPT = "> ";
  private final Terminal terminal;
  private final LineReader reader;
  private final CompletableFuture<Integer> interrupted = new CompletableFuture<>();

  TcpClientConsole(Terminal terminal) {
    this.terminal = terminal;
    this.reader = LineReaderBuilder.builder()
        .terminal(terminal)
        // Lines go to the peer as typed: no history expansion of '!', Tab is a character.
        .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true)
        .option(LineReader.Option.INSERT_TAB, true)
        .build();
    // While no line is being read (after Ctrl-D), Ctrl-C reaches the terminal's handler rather than readLine.
    terminal.handle(Terminal.Signal.INT, signal -> interrupted.complete(ExitCode.INTERRUPTED.code()));
  }

  /** The console on the process's terminal. */
  static TcpClientConsole open() throws IOException {
    return new TcpClientConsole(TerminalBuilder.builder().system(true).nativeSignals(true).build());
  }

  /** A stream whose lines are printed above the prompt: where events go in interactive mode. */
  PrintStream printer() {
    return ConsolePrompt.above(reader);
  }

  /** Where received bytes go: as text, or as a hex dump, above the prompt. */
  TcpClientOutput output(boolean hex) {
    return hex ? TcpClientOutput.hexDump(printer()) : new TcpClientConsoleOutput(reader::printAbove);
  }

  /** Completes with 130 on Ctrl-C. */
  CompletableFuture<Integer> interrupted() {
    return interrupted;
  }

  /** Starts reading lines for {@code connection} on the console's own thread. */
  void start(TcpClientConnection connection) {
    Thread t = new Thread(() -> readLines(connection), "nettool-console");
    t.setDaemon(true);
    t.start();
  }

  private void readLines(TcpClientConnection connection) {
    while (!interrupted.isDone()) {
      String line;
      try {
        line = reader.readLine(PROMPT);
      } catch (UserInterruptException e) {
        interrupted.complete(ExitCode.INTERRUPTED.code());
        return;
      } catch (EndOfFileException e) {
        connection.finish();
        return;
      } catch (IOError | IllegalStateException e) {
        return; // the terminal was closed under the prompt: the run is over
      }
      connection.send((line + "\n").getBytes(StandardCharsets.UTF_8));
    }
  }

  /** Removes a prompt still showing and gives the terminal back as it was. */
  @Override
  public void close() {
    ConsolePrompt.release(reader, terminal);
  }
}
