package dev.nettool.servers.udp;

import dev.nettool.protocols.address.Endpoint;
import dev.nettool.protocols.transport.TransportKind;
import java.net.InetAddress;
import java.util.List;

/**
 * Everything a {@link UdpServer} needs, immutable.
 *
 * @param listen where to bind (port 0 picks a free port); with {@code groups}, only the port is used
 * @param transport which transport to use
 * @param mode what to do with each datagram
 * @param groups multicast groups to join, all of one address family; empty for none
 * @param networkInterface the interface name to join the groups on, or {@code null} for the loopback interface
 * @param count stop once this many datagrams were handled; 0 means never
 */
public record UdpServerConfig(
    Endpoint.Inet listen,
    TransportKind transport,
    UdpMode mode,
    List<InetAddress> groups,
    String networkInterface,
    long count) {

  public UdpServerConfig {
    groups = List.copyOf(groups);
    if (groups.stream().anyMatch(g -> !g.isMulticastAddress())) {
      throw new IllegalArgumentException("not a multicast group: " + groups);
    }
    if (groups.stream().map(InetAddress::getClass).distinct().count() > 1) {
      throw new IllegalArgumentException("groups mix IPv4 and IPv6: " + groups);
    }
  }

  /** Log mode on 127.0.0.1 with a free port, the defaults everything else starts from. */
  public static UdpServerConfig defaults() {
    return new UdpServerConfig(new Endpoint.Inet("127.0.0.1", 0), TransportKind.AUTO, UdpMode.LOG, List.of(), null, 0);
  }

  public UdpServerConfig withListen(Endpoint.Inet listen) {
    return new UdpServerConfig(listen, transport, mode, groups, networkInterface, count);
  }

  public UdpServerConfig withTransport(TransportKind transport) {
    return new UdpServerConfig(listen, transport, mode, groups, networkInterface, count);
  }

  public UdpServerConfig withMode(UdpMode mode) {
    return new UdpServerConfig(listen, transport, mode, groups, networkInterface, count);
  }

  public UdpServerConfig withGroups(List<InetAddress> groups) {
    return new UdpServerConfig(listen, transport, mode, groups, networkInterface, count);
  }

  public UdpServerConfig withNetworkInterface(String networkInterface) {
    return new UdpServerConfig(listen, transport, mode, groups, networkInterface, count);
  }

  public UdpServerConfig withCount(long count) {
    return new UdpServerConfig(listen, transport, mode, groups, networkInterface, count);
  }
}
