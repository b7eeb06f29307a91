package dev.nettool.cli.options;

import dev.nettool.protocols.address.Endpoint;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where a server listens: {@code -p/--port}, {@code --host}, or {@code --unix PATH}. */
public final class ListenOptions {
  @Option(names = {"-p", "--port"}, paramLabel = "PORT", converter = Converters.PortConverter.class,
      description = "Port to listen on; 0 picks a free one (default: ${DEFAULT-VALUE}).", defaultValue = "0")
  int port;

  @Option(names = "--host", paramLabel = "ADDR",
      description = "Address to bind: 127.0.0.1 (default), ::1, or 0.0.0.0 / :: for all interfaces.",
      defaultValue = "127.0.0.1")
  String host;

  @Option(names = "--unix", paramLabel = "PATH", description = "Listen on a Unix domain socket instead.")
  Path unix;

  /** The endpoint to bind. */
  public Endpoint endpoint() {
    if (unix != null) {
      return new Endpoint.Unix(unix);
    }
    String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    return new Endpoint.Inet(h, port);
  }
}
