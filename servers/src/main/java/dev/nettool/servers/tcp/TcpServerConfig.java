package dev.nettool.servers.tcp;

import dev.nettool.protocols.address.Endpoint;
import dev.nettool.protocols.tls.TlsServerConfig;
import dev.nettool.protocols.transport.TransportKind;
import java.time.Duration;

/**
 * Everything a {@link TcpServer} needs, immutable.
 *
 * @param listen where to bind (port 0 picks a free port)
 * @param transport which transport to use
 * @param mode what to do with each connection
 * @param noDelay whether Nagle's algorithm is off ({@code TCP_NODELAY})
 * @param welcome bytes written on connect, or {@code null}
 * @param idleTimeout close a connection idle this long, or {@code null}
 * @param maxConnections connections beyond this many open at once are dropped; 0 means no limit
 * @param count stop once this many connections were handled completely; 0 means never
 * @param threads event loop threads; 0 means one per two cores
 * @param tls the TLS material when connections speak TLS, or {@code null} for plain TCP
 */
public record TcpServerConfig(
    Endpoint listen,
    TransportKind transport,
    TcpMode mode,
    boolean noDelay,
    byte[] welcome,
    Duration idleTimeout,
    int maxConnections,
    long count,
    int threads,
    TlsServerConfig tls) {

  /** Echo on 127.0.0.1 with a free port, the defaults everything else starts from. */
  public static TcpServerConfig defaults() {
    return new TcpServerConfig(new Endpoint.Inet("127.0.0.1", 0), TransportKind.AUTO, new TcpMode.Echo(),
        false, null, null, 0, 0, 0, null);
  }

  public TcpServerConfig withListen(Endpoint listen) {
    return new TcpServerConfig(listen, transport, mode, noDelay, welcome, idleTimeout, maxConnections, count, threads, tls);
  }

  public TcpServerConfig withTransport(TransportKind transport) {
    return new TcpServerConfig(listen, transport, mode, noDelay, welcome, idleTimeout, maxConnections, count, threads, tls);
  }

  public TcpServerConfig withMode(TcpMode mode) {
    return new TcpServerConfig(listen, transport, mode, noDelay, welcome, idleTimeout, maxConnections, count, threads, tls);
  }

  public TcpServerConfig withNoDelay(boolean noDelay) {
    return new TcpServerConfig(listen, transport, mode, noDelay, welcome, idleTimeout, maxConnections, count, threads, tls);
  }

  public TcpServerConfig withWelcome(byte[] welcome) {
    return new TcpServerConfig(listen, transport, mode, noDelay, welcome, idleTimeout, maxConnections, count, threads, tls);
  }

  public TcpServerConfig withIdleTimeout(Duration idleTimeout) {
    return new TcpServerConfig(listen, transport, mode, noDelay, welcome, idleTimeout, maxConnections, count, threads, tls);
  }

  public TcpServerConfig withMaxConnections(int maxConnections) {
    return new TcpServerConfig(listen, transport, mode, noDelay, welcome, idleTimeout, maxConnections, count, threads, tls);
  }

  public TcpServerConfig withCount(long count) {
    return new TcpServerConfig(listen, transport, mode, noDelay, welcome, idleTimeout, maxConnections, count, threads, tls);
  }

  public TcpServerConfig withThreads(int threads) {
    return new TcpServerConfig(listen, transport, mode, noDelay, welcome, idleTimeout, maxConnections, count, threads, tls);
  }

  public TcpServerConfig withTls(TlsServerConfig tls) {
    return new TcpServerConfig(listen, transport, mode, noDelay, welcome, idleTimeout, maxConnections, count, threads, tls);
  }
}
