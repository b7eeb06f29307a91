package dev.nettool.clients.udp;

import dev.nettool.protocols.address.Endpoint;
import dev.nettool.protocols.transport.TransportKind;
import java.time.Duration;
import java.util.List;

/**
 * Everything a {@link UdpClient} needs, immutable.
 *
 * @param target where to send
 * @param transport which transport to use
 * @param data the datagrams to send, one per element; empty means one per stdin line
 * @param replyWait how long to wait for replies after the last datagram (or probe) was sent
 * @param pingCount how many probes ping mode sends; 0 means send mode
 * @param interval ping mode: time between probes
 * @param size ping mode: bytes per probe, at least {@link #MIN_PING_SIZE}
 */
public record UdpClientConfig(
    Endpoint.Inet target,
    TransportKind transport,
    List<byte[]> data,
    Duration replyWait,
    int pingCount,
    Duration interval,
    int size) {

  /** The largest UDP payload over IPv4. */
  public static final int MAX_DATAGRAM = 65_507;
  /** A probe carries a 4-byte tag, a 4-byte sequence number and an 8-byte send time. */
  public static final int MIN_PING_SIZE = 16;

  public UdpClientConfig {
    data = List.copyOf(data);
    if (pingCount < 0) {
      throw new IllegalArgumentException("ping count " + pingCount + " is negative");
    }
    if (size < MIN_PING_SIZE || size > MAX_DATAGRAM) {
      throw new IllegalArgumentException("size " + size + " is out of range " + MIN_PING_SIZE + "-" + MAX_DATAGRAM);
    }
  }

  /** Send mode to {@code target}: stdin lines, replies awaited for 1s; ping defaults of 1s and 64 bytes. */
  public static UdpClientConfig to(Endpoint.Inet target) {
    return new UdpClientConfig(target, TransportKind.AUTO, List.of(), Duration.ofSeconds(1), 0,
        Duration.ofSeconds(1), 64);
  }

  public boolean ping() {
    return pingCount > 0;
  }

  public UdpClientConfig withTransport(TransportKind transport) {
    return new UdpClientConfig(target, transport, data, replyWait, pingCount, interval, size);
  }

  public UdpClientConfig withData(List<byte[]> data) {
    return new UdpClientConfig(target, transport, data, replyWait, pingCount, interval, size);
  }

  public UdpClientConfig withReplyWait(Duration replyWait) {
    return new UdpClientConfig(target, transport, data, replyWait, pingCount, interval, size);
  }

  public UdpClientConfig withPing(int pingCount, Duration interval, int size) {
    return new UdpClientConfig(target, transport, data, replyWait, pingCount, interval, size);
  }
}
