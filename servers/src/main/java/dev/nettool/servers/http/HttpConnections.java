package dev.nettool.servers.http;

import dev.nettool.protocols.address.Endpoint;
import io.netty.channel.Channel;
import io.netty.util.AttributeKey;

/** The connection number a channel was given (shown as {@code #3} in events) and its peer's address. */
public final class HttpConnections {
  static final AttributeKey<Long> ID = AttributeKey.valueOf("nettool.http.id");

  private HttpConnections() {}

  /** The connection's number, or 0 before it was counted. */
  public static long id(Channel ch) {
    Long id = ch.attr(ID).get();
    return id == null ? 0 : id;
  }

  /** The remote end; an unnamed Unix domain peer (or an embedded test channel) shows as where we listen. */
  static Endpoint remote(Channel ch, Endpoint listen) {
    try {
      Endpoint e = Endpoint.of(ch.remoteAddress());
      if (e instanceof Endpoint.Unix u && (u.path() == null || u.path().toString().isEmpty())) {
        return listen;
      }
      return e;
    } catch (RuntimeException e) {
      return listen;
    }
  }
}
