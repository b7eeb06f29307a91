package dev.nettool.cli.tcp;

import dev.nettool.cli.CliContext;
import dev.nettool.cli.ServerLifetime;
import dev.nettool.cli.options.Converters;
import dev.nettool.cli.options.Escapes;
import dev.nettool.cli.options.LifetimeOptions;
import dev.nettool.cli.options.ListenOptions;
import dev.nettool.cli.options.HexOptions;
import dev.nettool.cli.options.OutputOptions;
import dev.nettool.cli.options.ReadyOptions;
import dev.nettool.cli.options.TlsServerOptions;
import dev.nettool.cli.options.TransportOptions;
import dev.nettool.protocols.event.EventSink;
import dev.nettool.servers.tcp.TcpMode;
import dev.nettool.servers.tcp.TcpServer;
import dev.nettool.servers.tcp.TcpServerConfig;
import java.time.Duration;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The options {@code tcp-echo} and {@code tcp-server} share, and the run they share: start, ready, wait, drain. */
final class TcpServerOptions {
  @Mixin ListenOptions listen;
  @Mixin TransportOptions transport;
  @Mixin OutputOptions output;
  @Mixin HexOptions hex;
  @Mixin LifetimeOptions lifetime;
  @Mixin ReadyOptions ready;
  @Mixin TlsServerOptions tls;

  @Option(names = "--no-delay", description = "Turn Nagle's algorithm off (TCP_NODELAY); it is on by default.")
  boolean noDelay;

  @Option(names = "--welcome", paramLabel = "TEXT", description = "Write TEXT to every new connection.")
  String welcome;

  @Option(names = "--idle-timeout", paramLabel = "DURATION", converter = Converters.DurationConverter.class,
      description = "Close a connection with nothing read or written for this long.")
  Duration idleTimeout;

  @Option(names = "--max-connections", paramLabel = "N",
      description = "Close connections over N open at once, with a drop event.")
  int maxConnections;

  @Option(names = "--threads", paramLabel = "N", description = "Event loop threads (default: one per two cores).")
  int threads;

  int run(CliContext ctx, TcpMode mode) {
    TcpServerConfig config = TcpServerConfig.defaults()
        .withListen(listen.endpoint())
        .withTransport(transport.kind())
        .withMode(mode)
        .withNoDelay(noDelay)
        .withWelcome(welcome == null ? null : Escapes.toBytes(welcome, "--welcome"))
        .withIdleTimeout(idleTimeout)
        .withMaxConnections(maxConnections)
        .withCount(lifetime.count())
        .withThreads(threads)
        .withTls(tls.config());
    // In pipe mode stdout carries the payload, so the event log moves to stderr.
    EventSink sink = output.printer(mode instanceof TcpMode.Pipe ? ctx.err() : ctx.out(), hex.hex());
    return ServerLifetime.run(ctx, new TcpServer(config, sink), sink, ready.signal(ctx.env()), lifetime);
  }
}
