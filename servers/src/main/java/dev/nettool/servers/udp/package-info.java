/**
 * The UDP server: {@link dev.nettool.servers.udp.UdpServerConfig} → {@link dev.nettool.servers.udp.UdpServer}
 * → {@link dev.nettool.servers.udp.UdpServerInitializer} → counter, {@code message} events, then one handler per
 * mode (log, echo, discard), with optional multicast group membership.
 */
package dev.nettool.servers.udp;
