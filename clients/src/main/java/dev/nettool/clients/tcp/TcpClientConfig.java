package dev.nettool.clients.tcp;

import dev.nettool.protocols.address.Endpoint;
import dev.nettool.protocols.tls.TlsClientConfig;
import dev.nettool.protocols.transport.TransportKind;
import java.time.Duration;

/**
 * Everything a {@link TcpClient} needs, immutable.
 *
 * @param target where to connect: a host and port, or a Unix domain socket
 * @param transport which transport to use
 * @param noDelay whether Nagle's algorithm is off ({@code TCP_NODELAY}); ignored for Unix sockets
 * @param connectTimeout how long connecting may take before it counts as a failure to connect
 * @param tls how to speak TLS over the connection, or {@code null} for plain TCP
 */
public record TcpClientConfig(Endpoint target, TransportKind transport, boolean noDelay, Duration connectTimeout,
    TlsClientConfig tls) {
  /** How long connecting may take unless told otherwise: long enough for a slow network, short enough for a script. */
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);

  public TcpClientConfig {
    if (target == null) {
      throw new IllegalArgumentException("target is missing");
    }
    if (connectTimeout == null || connectTimeout.isNegative() || connectTimeout.isZero()) {
      throw new IllegalArgumentException("connect timeout must be positive");
    }
  }

  /** Connects to {@code target} with the automatic transport, Nagle on, and a 10s connect timeout. */
  public static TcpClientConfig to(Endpoint target) {
    return new TcpClientConfig(target, TransportKind.AUTO, false, DEFAULT_CONNECT_TIMEOUT, null);
  }

  public TcpClientConfig withTransport(TransportKind transport) {
    return new TcpClientConfig(target, transport, noDelay, connectTimeout, tls);
  }

  public TcpClientConfig withNoDelay(boolean noDelay) {
    return new TcpClientConfig(target, transport, noDelay, connectTimeout, tls);
  }

  public TcpClientConfig withConnectTimeout(Duration connectTimeout) {
    return new TcpClientConfig(target, transport, noDelay, connectTimeout, tls);
  }

  public TcpClientConfig withTls(TlsClientConfig tls) {
    return new TcpClientConfig(target, transport, noDelay, connectTimeout, tls);
  }
}
