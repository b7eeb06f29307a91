/**
 * The UDP client: {@link dev.nettool.clients.udp.UdpClientConfig} → {@link dev.nettool.clients.udp.UdpClient}
 * → {@link dev.nettool.clients.udp.UdpClientInitializer}: send datagrams (from {@code --data} or stdin lines)
 * and show the replies, or ping a UDP echo service and report loss and round-trip times.
 */
package dev.nettool.clients.udp;
