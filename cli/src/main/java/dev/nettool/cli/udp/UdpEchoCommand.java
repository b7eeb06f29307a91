package dev.nettool.cli.udp;

import dev.nettool.cli.CliContext;
import dev.nettool.servers.udp.UdpMode;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code nettool udp-echo}: {@code udp-server --mode echo}. */
@Command(name = "udp-echo", header = "UDP echo server: every datagram back to its sender", mixinStandardHelpOptions = true,
    description = "A UDP echo server: every datagram is sent back to its sender, whole (up to 65,507 bytes).")
public final class UdpEchoCommand implements Callable<Integer> {
  private final CliContext ctx;

  @Mixin UdpServerOptions server;

  UdpEchoCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    return server.run(ctx, UdpMode.ECHO);
  }
}
