package dev.nettool.cli.udp;

import dev.nettool.cli.CliContext;
import dev.nettool.cli.ClientLifetime;
import dev.nettool.cli.options.Converters;
import dev.nettool.cli.options.Escapes;
import dev.nettool.cli.options.ExpectOptions;
import dev.nettool.cli.options.HexOptions;
import dev.nettool.cli.options.OutputOptions;
import dev.nettool.cli.options.TransportOptions;
import dev.nettool.clients.udp.UdpClient;
import dev.nettool.clients.udp.UdpClientConfig;
import dev.nettool.protocols.ExitCode;
import dev.nettool.protocols.NettoolException;
import dev.nettool.protocols.address.Endpoint;
import dev.nettool.protocols.event.EventPrinter;
import dev.nettool.protocols.event.EventSink;
import dev.nettool.protocols.event.Verbosity;
import dev.nettool.protocols.expect.Expectation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code nettool udp-client TARGET}: send datagrams and show the replies, or {@code --ping N}. */
@Command(name = "udp-client", header = "Send datagrams and print replies; --ping with loss and RTT", mixinStandardHelpOptions = true,
    resourceBundle = "dev.nettool.cli.udp.UdpClientCommand",
    description = {"Send datagrams to TARGET and print each reply on its own line on stdout:",
        "each --data, or else each stdin line, is one datagram. --ping N pings an echo.",
        "An ICMP port unreachable from TARGET exits 3; a lost ping probe exits 1."})
public final class UdpClientCommand implements Callable<Integer> {
  private final CliContext ctx;

  @Parameters(paramLabel = "TARGET", converter = Converters.EndpointConverter.class,
      description = "HOST:PORT, [v6]:PORT or udp://HOST:PORT.")
  Endpoint target;

  @Option(names = "--data", paramLabel = "TEXT",
      description = "Send TEXT as one datagram (repeatable; \\n, \\r, \\t are escapes). Without it, stdin lines.")
  List<String> data = new ArrayList<>();

  @Option(names = "--wait", paramLabel = "DURATION", converter = Converters.DurationConverter.class,
      defaultValue = "1s",
      description = "After the last datagram or probe, wait this long for replies (default: ${DEFAULT-VALUE}).")
  Duration replyWait;

  @Option(names = "--timeout", paramLabel = "DURATION", converter = Converters.DurationConverter.class,
      description = "Bound the whole run; running out exits 124.")
  Duration timeout;

  @Mixin UdpPingOptions ping;
  @Mixin ExpectOptions expect;
  @Mixin TransportOptions transport;
  @Mixin OutputOptions output;
  @Mixin HexOptions hex;

  UdpClientCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    if (!(target instanceof Endpoint.Inet inet)) {
      throw new NettoolException(ExitCode.USAGE, "TARGET", "UDP needs HOST:PORT, not " + target.display());
    }
    Expectation expectation = expect.expectation().orElse(null);
    if (ping.enabled() && (!data.isEmpty() || expectation != null)) {
      throw new NettoolException(ExitCode.USAGE, "--ping", "sends its own probes: drop --data and --expect");
    }
    List<byte[]> datagrams = data.stream().map(d -> Escapes.toBytes(d, "--data")).toList();
    if (datagrams.stream().anyMatch(d -> d.length > UdpClientConfig.MAX_DATAGRAM)) {
      throw new NettoolException(ExitCode.USAGE, "--data", "a datagram holds at most "
          + UdpClientConfig.MAX_DATAGRAM + " bytes");
    }
    UdpClientConfig config = ping.apply(UdpClientConfig.to(inet)
        .withTransport(transport.kind())
        .withData(datagrams)
        .withReplyWait(replyWait));
    // Ping's report is the command's output (stdout), text or JSON; client events stay on stderr.
    EventSink report = new EventPrinter(ctx.out(), output.json(), output.quiet() ? Verbosity.QUIET : Verbosity.NORMAL,
        false);
    UdpClient client = new UdpClient(config, output.clientPrinter(ctx.err(), hex.hex()), report);
    try {
      return ClientLifetime.await(ctx, client.start(ctx.in(), ctx.out(), expectation), timeout, "udp-client");
    } finally {
      client.close();
    }
  }
}
