package dev.nettool.clients.ws;

import dev.nettool.protocols.tls.TlsClientConfig;
import dev.nettool.protocols.transport.TransportKind;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Everything a {@link WsClient} needs, immutable.
 *
 * @param url where to connect and what to ask for
 * @param transport which transport to use
 * @param connectTimeout how long connecting, and then the upgrade, may each take
 * @param tls how to speak TLS ({@code wss://}), or {@code null} for plain {@code ws://}
 * @param headers extra request headers, in order (a name may repeat)
 * @param subprotocols the subprotocols offered, in order of preference; empty for none
 * @param maxMessage the largest message (and frame) accepted; a larger one is answered with close 1009
 * @param closeTimeout how long to wait for the server's answer to our close frame before dropping the connection
 */
public record WsClientConfig(WsUrl url, TransportKind transport, Duration connectTimeout, TlsClientConfig tls,
    List<Map.Entry<String, String>> headers, List<String> subprotocols, int maxMessage, Duration closeTimeout) {
  /** How long connecting may take unless told otherwise. */
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
  /** The largest message accepted unless told otherwise, as the server's default. */
  public static final int DEFAULT_MAX_MESSAGE = 1 << 20;
  /** How long the server gets to answer our close frame. */
  public static final Duration DEFAULT_CLOSE_TIMEOUT = Duration.ofSeconds(5);

  public WsClientConfig {
    if (url == null) {
      throw new IllegalArgumentException("url is missing");
    }
    if (connectTimeout == null || connectTimeout.isNegative() || connectTimeout.isZero()) {
      throw new IllegalArgumentException("connect timeout must be positive");
    }
    if (maxMessage < 1) {
      throw new IllegalArgumentException("max message must be positive");
    }
    headers = List.copyOf(headers);
    subprotocols = List.copyOf(subprotocols);
  }

  /** Connects to {@code url} with the defaults: automatic transport, no TLS unless {@code wss://}, no extras. */
  public static WsClientConfig to(WsUrl url) {
    return new WsClientConfig(url, TransportKind.AUTO, DEFAULT_CONNECT_TIMEOUT,
        url.secure() ? TlsClientConfig.system() : null, List.of(), List.of(), DEFAULT_MAX_MESSAGE,
        DEFAULT_CLOSE_TIMEOUT);
  }

  public WsClientConfig withTransport(TransportKind transport) {
    return new WsClientConfig(url, transport, connectTimeout, tls, headers, subprotocols, maxMessage, closeTimeout);
  }

  public WsClientConfig withConnectTimeout(Duration connectTimeout) {
    return new WsClientConfig(url, transport, connectTimeout, tls, headers, subprotocols, maxMessage, closeTimeout);
  }

  public WsClientConfig withTls(TlsClientConfig tls) {
    return new WsClientConfig(url, transport, connectTimeout, tls, headers, subprotocols, maxMessage, closeTimeout);
  }

  public WsClientConfig withHeaders(List<Map.Entry<String, String>> headers) {
    return new WsClientConfig(url, transport, connectTimeout, tls, headers, subprotocols, maxMessage, closeTimeout);
  }

  public WsClientConfig withSubprotocols(List<String> subprotocols) {
    return new WsClientConfig(url, transport, connectTimeout, tls, headers, subprotocols, maxMessage, closeTimeout);
  }

  public WsClientConfig withMaxMessage(int maxMessage) {
    return new WsClientConfig(url, transport, connectTimeout, tls, headers, subprotocols, maxMessage, closeTimeout);
  }

  public WsClientConfig withCloseTimeout(Duration closeTimeout) {
    return new WsClientConfig(url, transport, connectTimeout, tls, headers, subprotocols, maxMessage, closeTimeout);
  }
}
