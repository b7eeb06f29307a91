package dev.nettool.cli.options;

import dev.nettool.protocols.event.EventPrinter;
import dev.nettool.protocols.event.EventSink;
import dev.nettool.protocols.event.Verbosity;
import java.io.PrintStream;
import picocli.CommandLine.Option;

/** How events are shown: {@code --json}, {@code -v}, {@code -q}, {@code --debug} ({@code --hex} is {@link HexOptions}). */
public final class OutputOptions {
  @Option(names = "--json", description = "Print every event as one JSON object per line.")
  boolean json;

  @Option(names = {"-v", "--verbose"}, description = "Show data events with byte counts (and client events on stderr).")
  boolean verbose;

  @Option(names = {"-q", "--quiet"}, description = "Show only the ready line and errors.")
  boolean quiet;

  @Option(names = "--debug", description = "Show stack traces with errors.")
  boolean debug;

  public boolean json() {
    return json;
  }

  public boolean verbose() {
    return verbose;
  }

  public boolean quiet() {
    return quiet;
  }

  public Verbosity verbosity() {
    if (quiet) {
      return Verbosity.QUIET;
    }
    return verbose ? Verbosity.VERBOSE : Verbosity.NORMAL;
  }

  /** A printer of server events to {@code out}, with hex dumps in data events when {@code hex}. */
  public EventSink printer(PrintStream out, boolean hex) {
    return new EventPrinter(out, json, verbosity(), hex && !quiet);
  }

  /**
   * A printer of client events to {@code err}: silent unless {@code -v} or {@code --json} was given,
   * then at the given verbosity. Errors still show as one line through the error handler.
   */
  public EventSink clientPrinter(PrintStream err) {
    return clientPrinter(err, false);
  }

  /** As {@link #clientPrinter(PrintStream)}, with hex dumps in data events when {@code hex}. */
  public EventSink clientPrinter(PrintStream err, boolean hex) {
    if (!verbose && !json) {
      return EventSink.discard();
    }
    return new EventPrinter(err, json, quiet ? Verbosity.QUIET : Verbosity.VERBOSE, hex);
  }
}
