package dev.nettool.cli.udp;

import dev.nettool.cli.CliContext;
import dev.nettool.cli.ServerLifetime;
import dev.nettool.cli.options.LifetimeOptions;
import dev.nettool.cli.options.ListenOptions;
import dev.nettool.cli.options.HexOptions;
import dev.nettool.cli.options.OutputOptions;
import dev.nettool.cli.options.ReadyOptions;
import dev.nettool.cli.options.TransportOptions;
import dev.nettool.protocols.ExitCode;
import dev.nettool.protocols.NettoolException;
import dev.nettool.protocols.address.Endpoint;
import dev.nettool.protocols.event.EventSink;
import dev.nettool.servers.udp.UdpMode;
import dev.nettool.servers.udp.UdpServer;
import dev.nettool.servers.udp.UdpServerConfig;
import io.netty.util.NetUtil;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The options {@code udp-server} and {@code udp-echo} share, and the run they share: start, ready, wait, stop. */
final class UdpServerOptions {
  @Mixin ListenOptions listen;
  @Mixin TransportOptions transport;
  @Mixin OutputOptions output;
  @Mixin HexOptions hex;
  @Mixin LifetimeOptions lifetime;
  @Mixin ReadyOptions ready;

  @Option(names = "--join", paramLabel = "GROUP",
      description = "Join the multicast GROUP (repeatable, one address family): the port is then bound "
          + "on the wildcard address of that family (0.0.0.0 or ::) and --host is not used.")
  List<String> join = new ArrayList<>();

  @Option(names = "--interface", paramLabel = "NAME",
      description = "The network interface to join groups on (default: the loopback interface).")
  String networkInterface;

  int run(CliContext ctx, UdpMode mode) {
    UdpServerConfig config = config(mode);
    EventSink sink = output.printer(ctx.out(), hex.hex());
    return ServerLifetime.run(ctx, new UdpServer(config, sink), sink, ready.signal(ctx.env()), lifetime);
  }

  private UdpServerConfig config(UdpMode mode) {
    if (!(listen.endpoint() instanceof Endpoint.Inet inet)) {
      throw new NettoolException(ExitCode.USAGE, "--unix", "UDP has no Unix domain socket mode here; use --host/--port");
    }
    if (lifetime.count() < 0) {
      throw new NettoolException(ExitCode.USAGE, "--count", lifetime.count() + " is negative");
    }
    if (networkInterface != null && join.isEmpty()) {
      throw new NettoolException(ExitCode.USAGE, "--interface", "only applies with --join GROUP");
    }
    List<InetAddress> groups = new ArrayList<>();
    for (String g : join) {
      // A literal only: a group is an address, and a name would mean a DNS lookup.
      InetAddress group = NetUtil.createInetAddressFromIpAddressString(g.trim());
      if (group == null || !group.isMulticastAddress()) {
        throw new NettoolException(ExitCode.USAGE, "--join",
            "'" + g + "' is not a multicast group address (224.0.0.0/4 or ff00::/8)");
      }
      if (!groups.isEmpty() && groups.get(0).getClass() != group.getClass()) {
        throw new NettoolException(ExitCode.USAGE, "--join", "groups must all be IPv4 or all be IPv6");
      }
      groups.add(group);
    }
    return UdpServerConfig.defaults()
        .withListen(inet)
        .withTransport(transport.kind())
        .withMode(mode)
        .withGroups(groups)
        .withNetworkInterface(networkInterface)
        .withCount(lifetime.count());
  }
}
