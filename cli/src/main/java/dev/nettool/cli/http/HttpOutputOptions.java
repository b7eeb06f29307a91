package dev.nettool.cli.http;

import dev.nettool.protocols.event.EventPrinter;
import dev.nettool.protocols.event.EventSink;
import dev.nettool.protocols.event.Verbosity;
import java.io.PrintStream;
import picocli.CommandLine.Option;

/**
 * How {@code http-client} shows its events: {@code -v}, {@code -q}, {@code --debug}, as the shared
 * {@code OutputOptions}, but JSON event lines are {@code --json-events}: {@code --json} is curl's
 * "send this JSON" flag here.
 */
final class HttpOutputOptions {
  @Option(names = {"-v", "--verbose"},
      description = "Show the request head (> ) and the response head (< ) on stderr, as curl -v does.")
  boolean verbose;

  @Option(names = "--json-events", description = "Print the client's events on stderr as JSON lines.")
  boolean jsonEvents;

  @Option(names = {"-q", "--quiet"}, description = "With -v or --json-events, show only errors.")
  boolean quiet;

  @Option(names = "--debug", description = "Show stack traces with errors.")
  boolean debug;

  /** Silent unless {@code -v} or {@code --json-events}; errors still show as one line through the error handler. */
  EventSink printer(PrintStream err) {
    if (!verbose && !jsonEvents) {
      return EventSink.discard();
    }
    return new EventPrinter(err, jsonEvents, quiet ? Verbosity.QUIET : Verbosity.VERBOSE, false);
  }
}
