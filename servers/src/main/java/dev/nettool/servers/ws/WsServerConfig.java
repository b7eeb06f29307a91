package dev.nettool.servers.ws;

import dev.nettool.protocols.address.Endpoint;
import dev.nettool.protocols.tls.TlsServerConfig;
import dev.nettool.protocols.transport.TransportKind;
import java.time.Duration;
import java.util.List;

/**
 * Everything a {@link WsServer} needs, immutable.
 *
 * @param listen where to bind (port 0 picks a free port)
 * @param transport which transport to use
 * @param mode what to do with each message
 * @param path the only path that upgrades; others are answered 404
 * @param subprotocols the subprotocols offered; the first one the client asks for that is offered here is chosen
 * @param maxFrame the largest frame payload in bytes; larger closes with 1009
 * @param maxMessage the largest message in bytes; larger closes with 1009
 * @param compress whether permessage-deflate is offered
 * @param pingInterval how often to ping each peer, which must answer before the next one; {@code null}: never
 * @param count stop once this many WebSocket sessions were handled completely; 0 means never
 * @param threads event loop threads; 0 means one per two cores
 * @param tls the TLS material for wss, or {@code null} for ws
 */
public record WsServerConfig(
    Endpoint listen,
    TransportKind transport,
    WsMode mode,
    String path,
    List<String> subprotocols,
    int maxFrame,
    int maxMessage,
    boolean compress,
    Duration pingInterval,
    long count,
    int threads,
    TlsServerConfig tls) {

  /** 64 KB: the default largest frame. */
  public static final int DEFAULT_MAX_FRAME = 64 << 10;
  /** 1 MB: the default largest message. */
  public static final int DEFAULT_MAX_MESSAGE = 1 << 20;

  public WsServerConfig {
    subprotocols = List.copyOf(subprotocols);
  }

  /** Echo at {@code /} on 127.0.0.1 with a free port, the defaults everything else starts from. */
  public static WsServerConfig defaults() {
    return new WsServerConfig(new Endpoint.Inet("127.0.0.1", 0), TransportKind.AUTO, WsMode.ECHO, "/", List.of(),
        DEFAULT_MAX_FRAME, DEFAULT_MAX_MESSAGE, false, null, 0, 0, null);
  }

  /** The session part of this configuration. */
  public WsSessionSettings session() {
    return new WsSessionSettings(mode, maxMessage, pingInterval);
  }

  public WsServerConfig withListen(Endpoint listen) {
    return new WsServerConfig(listen, transport, mode, path, subprotocols, maxFrame, maxMessage, compress,
        pingInterval, count, threads, tls);
  }

  public WsServerConfig withTransport(TransportKind transport) {
    return new WsServerConfig(listen, transport, mode, path, subprotocols, maxFrame, maxMessage, compress,
        pingInterval, count, threads, tls);
  }

  public WsServerConfig withMode(WsMode mode) {
    return new WsServerConfig(listen, transport, mode, path, subprotocols, maxFrame, maxMessage, compress,
        pingInterval, count, threads, tls);
  }

  public WsServerConfig withPath(String path) {
    return new WsServerConfig(listen, transport, mode, path, subprotocols, maxFrame, maxMessage, compress,
        pingInterval, count, threads, tls);
  }

  public WsServerConfig withSubprotocols(List<String> subprotocols) {
    return new WsServerConfig(listen, transport, mode, path, subprotocols, maxFrame, maxMessage, compress,
        pingInterval, count, threads, tls);
  }

  public WsServerConfig withMaxFrame(int maxFrame) {
    return new WsServerConfig(listen, transport, mode, path, subprotocols, maxFrame, maxMessage, compress,
        pingInterval, count, threads, tls);
  }

  public WsServerConfig withMaxMessage(int maxMessage) {
    return new WsServerConfig(listen, transport, mode, path, subprotocols, maxFrame, maxMessage, compress,
        pingInterval, count, threads, tls);
  }

  public WsServerConfig withCompress(boolean compress) {
    return new WsServerConfig(listen, transport, mode, path, subprotocols, maxFrame, maxMessage, compress,
        pingInterval, count, threads, tls);
  }

  public WsServerConfig withPingInterval(Duration pingInterval) {
    return new WsServerConfig(listen, transport, mode, path, subprotocols, maxFrame, maxMessage, compress,
        pingInterval, count, threads, tls);
  }

  public WsServerConfig withCount(long count) {
    return new WsServerConfig(listen, transport, mode, path, subprotocols, maxFrame, maxMessage, compress,
        pingInterval, count, threads, tls);
  }

  public WsServerConfig withThreads(int threads) {
    return new WsServerConfig(listen, transport, mode, path, subprotocols, maxFrame, maxMessage, compress,
        pingInterval, count, threads, tls);
  }

  public WsServerConfig withTls(TlsServerConfig tls) {
    return new WsServerConfig(listen, transport, mode, path, subprotocols, maxFrame, maxMessage, compress,
        pingInterval, count, threads, tls);
  }
}
