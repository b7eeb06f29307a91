package dev.nettool.cli.ws;

import dev.nettool.cli.CliContext;
import dev.nettool.cli.ServerLifetime;
import dev.nettool.cli.options.Converters;
import dev.nettool.cli.options.HexOptions;
import dev.nettool.cli.options.LifetimeOptions;
import dev.nettool.cli.options.ListenOptions;
import dev.nettool.cli.options.OutputOptions;
import dev.nettool.cli.options.ReadyOptions;
import dev.nettool.cli.options.TlsServerOptions;
import dev.nettool.cli.options.TransportOptions;
import dev.nettool.protocols.ExitCode;
import dev.nettool.protocols.NettoolException;
import dev.nettool.protocols.event.EventSink;
import dev.nettool.servers.ws.WsMode;
import dev.nettool.servers.ws.WsServer;
import dev.nettool.servers.ws.WsServerConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code nettool ws-server --mode echo|broadcast|discard}: a WebSocket server, ws or wss. */
@Command(name = "ws-server", header = "WebSocket server: echo, broadcast or discard, ws or wss",
    mixinStandardHelpOptions = true,
    description = "An RFC 6455 WebSocket server: fragmented messages reassembled, protocol violations closed with "
        + "1002/1007/1009, failed upgrades answered with an HTTP status, one event per message.")
public final class WsServerCommand implements Callable<Integer> {
  /** The largest --max-frame/--max-message a Netty buffer can hold. */
  private static final long MAX_SIZE = 1L << 30;

  private final CliContext ctx;

  @Mixin ListenOptions listen;
  @Mixin TransportOptions transport;
  @Mixin OutputOptions output;
  @Mixin HexOptions hex;
  @Mixin LifetimeOptions lifetime;
  @Mixin ReadyOptions ready;
  @Mixin TlsServerOptions tls;

  @Option(names = "--mode", paramLabel = "MODE", defaultValue = "echo",
      description = "echo, broadcast (to every session, the sender too) or discard (default: ${DEFAULT-VALUE}).")
  String mode;

  @Option(names = "--path", paramLabel = "PATH", defaultValue = "/",
      description = "The path that upgrades; others get 404 (default: ${DEFAULT-VALUE}).")
  String path;

  @Option(names = "--subprotocol", paramLabel = "NAME",
      description = "Offer this subprotocol (repeatable); the client's first offered one is chosen.")
  List<String> subprotocols = new ArrayList<>();

  @Option(names = "--max-frame", paramLabel = "SIZE", converter = Converters.SizeConverter.class,
      defaultValue = "64KB", description = "Largest frame payload; larger closes with 1009 (default: ${DEFAULT-VALUE}).")
  long maxFrame;

  @Option(names = "--max-message", paramLabel = "SIZE", converter = Converters.SizeConverter.class,
      defaultValue = "1MB", description = "Largest reassembled message; larger closes with 1009 (default: ${DEFAULT-VALUE}).")
  long maxMessage;

  @Option(names = "--compress", description = "Offer permessage-deflate (RFC 7692).")
  boolean compress;

  @Option(names = "--ping-interval", paramLabel = "DURATION", converter = Converters.DurationConverter.class,
      description = "Ping every session this often; no pong by the next ping closes it with a timeout event.")
  Duration pingInterval;

  @Option(names = "--threads", paramLabel = "N", description = "Event loop threads (default: one per two cores).")
  int threads;

  WsServerCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    WsServerConfig config = WsServerConfig.defaults()
        .withListen(listen.endpoint())
        .withTransport(transport.kind())
        .withMode(toMode())
        .withPath(toPath())
        .withSubprotocols(toSubprotocols())
        .withMaxFrame(toSize("--max-frame", maxFrame))
        .withMaxMessage(toSize("--max-message", maxMessage))
        .withCompress(compress)
        .withPingInterval(toPingInterval())
        .withCount(lifetime.count())
        .withThreads(threads)
        .withTls(tls.config());
    EventSink sink = output.printer(ctx.out(), hex.hex());
    return ServerLifetime.run(ctx, new WsServer(config, sink), sink, ready.signal(ctx.env()), lifetime);
  }

  private WsMode toMode() {
    for (WsMode m : WsMode.values()) {
      if (m.label().equals(mode)) {
        return m;
      }
    }
    throw usage("--mode", "'" + mode + "' is not one of echo, broadcast, discard");
  }

  private String toPath() {
    if (!path.startsWith("/") || path.contains("?") || path.contains("#")) {
      throw usage("--path", "'" + path + "' is not an absolute path without query (like /chat)");
    }
    return path;
  }

  // A subprotocol is an HTTP token (RFC 6455 4.1): no spaces, commas or separators.
  private List<String> toSubprotocols() {
    for (String name : subprotocols) {
      if (!name.matches("[!#$%&'*+.^_`|~0-9A-Za-z-]+")) {
        throw usage("--subprotocol", "'" + name + "' is not a token (letters, digits, !#$%&'*+-.^_`|~)");
      }
    }
    return subprotocols;
  }

  private static int toSize(String option, long size) {
    if (size <= 0 || size > MAX_SIZE) {
      throw usage(option, "must be between 1 byte and 1GB");
    }
    return (int) size;
  }

  private Duration toPingInterval() {
    if (pingInterval != null && pingInterval.isZero()) {
      throw usage("--ping-interval", "must be longer than 0");
    }
    return pingInterval;
  }

  private static NettoolException usage(String option, String detail) {
    return new NettoolException(ExitCode.USAGE, option, detail);
  }
}
