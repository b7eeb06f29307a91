package dev.nettool.cli.ws;

import dev.nettool.cli.ConsolePrompt;
import dev.nettool.clients.tcp.TcpClientOutput;
import dev.nettool.clients.ws.WsClientConnection;
import dev.nettool.clients.ws.WsClientRun;
import dev.nettool.protocols.ExitCode;
import java.io.IOError;
import java.io.IOException;
import java.io.PrintStream;
import java.util.concurrent.CompletableFuture;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

/**
 * The interactive side of {@code ws-client} when stdin is a terminal: a JLine prompt with history, every line a
 * text message or a slash command, what arrives printed above the prompt ({@code < …}) without tearing the line
 * being typed. Ctrl-D is {@code /quit}; Ctrl-C ends the run with 130.
 */
final class WsClientConsole implements AutoCloseable {
  private static final String PROMPT = "> ";
  private final Terminal terminal;
  private final LineReader reader;
  private final PrintStream printer;
  private final CompletableFuture<Integer> interrupted = new CompletableFuture<>();

  WsClientConsole(Terminal terminal) {
    this.terminal = terminal;
    this.reader = LineReaderBuilder.builder()
        .terminal(terminal)
        // Lines go to the server as typed: no history expansion of '!', Tab is a character.
        .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true)
        .option(LineReader.Option.INSERT_TAB, true)
        .build();
    this.printer = ConsolePrompt.above(reader);
    // While no line is being read, Ctrl-C reaches the terminal's handler rather than readLine.
    terminal.handle(Terminal.Signal.INT, signal -> interrupted.complete(ExitCode.INTERRUPTED.code()));
  }

  /** The console on the process's terminal. */
  static WsClientConsole open() throws IOException {
    return new WsClientConsole(TerminalBuilder.builder().system(true).nativeSignals(true).build());
  }

  /** A stream whose lines are printed above the prompt: where events and messages go. */
  PrintStream printer() {
    return printer;
  }

  /** Where formatted messages go: above the prompt. */
  TcpClientOutput output() {
    return TcpClientOutput.raw(printer);
  }

  /** Completes with 130 on Ctrl-C. */
  CompletableFuture<Integer> interrupted() {
    return interrupted;
  }

  /** Starts reading lines for {@code connection} on the console's own thread. */
  void start(WsClientConnection connection, WsClientRun run) {
    Thread t = new Thread(() -> readLines(connection, run), "nettool-console");
    t.setDaemon(true);
    t.start();
  }

  private void readLines(WsClientConnection connection, WsClientRun run) {
    while (!interrupted.isDone() && !connection.closing()) {
      String line;
      try {
        line = reader.readLine(PROMPT);
      } catch (UserInterruptException e) {
        interrupted.complete(ExitCode.INTERRUPTED.code());
        return;
      } catch (EndOfFileException e) {
        connection.close(run.closeCode(), run.closeReason());
        return;
      } catch (IOError | IllegalStateException e) {
        return; // the terminal was closed under the prompt: the run is over
      }
      act(connection, run, WsConsoleInput.parse(line));
    }
  }

  private void act(WsClientConnection connection, WsClientRun run, WsConsoleInput input) {
    if (input instanceof WsConsoleInput.Text t) {
      connection.sendText(t.text());
    } else if (input instanceof WsConsoleInput.Binary b) {
      connection.sendBinary(b.bytes());
    } else if (input instanceof WsConsoleInput.Ping p) {
      connection.ping(p.payload());
    } else if (input instanceof WsConsoleInput.Close c) {
      connection.close(c.code() == 0 ? run.closeCode() : c.code(), c.code() == 0 ? run.closeReason() : c.reason());
    } else if (input instanceof WsConsoleInput.Invalid i) {
      reader.printAbove(i.message());
    }
  }

  /** Removes a prompt still showing and gives the terminal back as it was. */
  @Override
  public void close() {
    ConsolePrompt.release(reader, terminal);
  }
}
