package dev.nettool.cli.tcp;

import dev.nettool.cli.CliContext;
import dev.nettool.servers.tcp.TcpMode;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code nettool tcp-echo}: {@code tcp-server --mode echo}. */
@Command(name = "tcp-echo", header = "TCP echo server: every byte back, half-close aware", mixinStandardHelpOptions = true,
    description = {"A TCP echo server: every byte received is written back, half-close aware",
        "(like Node's socket.pipe(socket))."})
public final class TcpEchoCommand implements Callable<Integer> {
  private final CliContext ctx;

  @Mixin TcpServerOptions server;

  TcpEchoCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    return server.run(ctx, new TcpMode.Echo());
  }
}
