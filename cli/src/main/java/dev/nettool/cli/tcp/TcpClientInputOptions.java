package dev.nettool.cli.tcp;

import dev.nettool.cli.CliContext;
import dev.nettool.cli.options.Escapes;
import dev.nettool.clients.tcp.TcpClientConnection;
import dev.nettool.protocols.ExitCode;
import dev.nettool.protocols.NettoolException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Consumer;
import picocli.CommandLine.Option;

/** What {@code tcp-client} sends: {@code --data TEXT}, {@code --data-file FILE}, or stdin. */
final class TcpClientInputOptions {
  @Option(names = "--data", paramLabel = "TEXT",
      description = "Send TEXT instead of stdin (\\n, \\r and \\t as in echo -e), then finish (FIN).")
  String data;

  @Option(names = "--data-file", paramLabel = "FILE", description = "Send FILE instead of stdin, then finish (FIN).")
  Path dataFile;

  /**
   * How to feed a connection: the text, the file, or stdin, each followed by FIN. Empty when stdin is a terminal
   * and neither option was given: then the interactive console does the sending.
   */
  Optional<Consumer<TcpClientConnection>> sender(CliContext ctx) {
    if (data != null && dataFile != null) {
      throw new NettoolException(ExitCode.USAGE, "--data", "give --data or --data-file, not both");
    }
    if (data != null) {
      byte[] bytes = Escapes.toBytes(data, "--data");
      return Optional.of(connection -> {
        connection.send(bytes);
        connection.finish();
      });
    }
    if (dataFile != null) {
      checkReadable(dataFile);
      return Optional.of(connection -> connection.sendFile(dataFile));
    }
    if (ctx.stdinIsTerminal()) {
      return Optional.empty();
    }
    return Optional.of(connection -> connection.sendAll(ctx.in()));
  }

  // Not only regular files: --data-file <(printf ...) is a pipe.
  private static void checkReadable(Path file) {
    if (Files.isDirectory(file) || !Files.isReadable(file)) {
      String why = Files.isDirectory(file) ? "is a directory" : Files.exists(file) ? "permission denied"
          : "no such file";
      throw new NettoolException(ExitCode.USAGE, "--data-file", "cannot read " + file + ": " + why);
    }
  }
}
