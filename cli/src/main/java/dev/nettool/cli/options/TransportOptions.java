package dev.nettool.cli.options;

import dev.nettool.protocols.transport.TransportKind;
import picocli.CommandLine.Option;

/** {@code --transport auto|epoll|io_uring|nio}. */
public final class TransportOptions {
  @Option(names = "--transport", paramLabel = "KIND", converter = Converters.TransportConverter.class,
      defaultValue = "auto",
      description = "auto (epoll on Linux, else NIO), epoll, io_uring or nio (default: ${DEFAULT-VALUE}).")
  TransportKind transport;

  public TransportKind kind() {
    return transport;
  }
}
