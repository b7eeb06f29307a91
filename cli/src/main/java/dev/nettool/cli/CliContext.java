package dev.nettool.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * What a command may touch of the outside world: its streams, its environment and the stop signal.
 * {@link Main} builds it from the process; tests build it from strings.
 *
 * @param in standard input
 * @param out standard output (payload and, unless the payload uses it, the event log)
 * @param err standard error
 * @param env the environment variables
 * @param stop completes with the signal's name on SIGINT or SIGTERM
 * @param stdinIsTerminal whether standard input is an interactive terminal
 */
public record CliContext(
    InputStream in,
    PrintStream out,
    PrintStream err,
    Map<String, String> env,
    CompletableFuture<String> stop,
    boolean stdinIsTerminal) {}
