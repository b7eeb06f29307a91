package dev.nettool.cli.tcp;

import dev.nettool.cli.CliContext;
import dev.nettool.cli.options.Converters;
import dev.nettool.cli.options.Escapes;
import dev.nettool.protocols.ExitCode;
import dev.nettool.protocols.NettoolException;
import dev.nettool.protocols.address.Endpoint;
import dev.nettool.servers.tcp.TcpMode;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code nettool tcp-server --mode echo|discard|source|reply|pipe|forward}. */
@Command(name = "tcp-server", header = "TCP server: echo, discard, source, reply, pipe or forward", mixinStandardHelpOptions = true,
    description = {"A TCP server that echoes, discards, sends a pattern, replies, pipes to stdin/stdout",
        "(like nc -l) or forwards to an upstream, with connection events in Node's words."})
public final class TcpServerCommand implements Callable<Integer> {
  private final CliContext ctx;

  @Mixin TcpServerOptions server;

  @Option(names = "--mode", paramLabel = "MODE", defaultValue = "echo",
      description = "echo, discard, source, reply, pipe or forward (default: ${DEFAULT-VALUE}).")
  String mode;

  @Option(names = "--size", paramLabel = "SIZE", converter = Converters.SizeConverter.class, defaultValue = "1MB",
      description = "source: how many bytes of the chargen pattern to send (default: ${DEFAULT-VALUE}).")
  long size;

  @Option(names = "--reply", paramLabel = "TEXT", description = "reply: the text answering every data event.")
  String reply;

  @Option(names = "--keep-open", description = "pipe: accept the next connection when one closes (nc -k).")
  boolean keepOpen;

  @Option(names = "--to", paramLabel = "HOST:PORT", converter = Converters.EndpointConverter.class,
      description = "forward: the upstream to relay to (HOST:PORT, [v6]:PORT or unix:/path).")
  Endpoint to;

  TcpServerCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    return server.run(ctx, toMode());
  }

  private TcpMode toMode() {
    switch (mode) {
      case "echo":
        return new TcpMode.Echo();
      case "discard":
        return new TcpMode.Discard();
      case "source":
        return new TcpMode.Source(size);
      case "reply":
        if (reply == null) {
          throw usage("--mode reply needs --reply TEXT");
        }
        return new TcpMode.Reply(Escapes.toBytes(reply, "--reply"));
      case "pipe":
        return new TcpMode.Pipe(ctx.in(), ctx.out(), keepOpen);
      case "forward":
        if (to == null) {
          throw usage("--mode forward needs --to HOST:PORT");
        }
        return new TcpMode.Forward(to);
      default:
        throw usage("'" + mode + "' is not one of echo, discard, source, reply, pipe, forward");
    }
  }

  private static NettoolException usage(String detail) {
    return new NettoolException(ExitCode.USAGE, "--mode", detail);
  }
}
