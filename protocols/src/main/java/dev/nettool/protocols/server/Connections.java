package dev.nettool.protocols.server;

import dev.nettool.protocols.address.Endpoint;
import io.netty.channel.Channel;
import io.netty.util.AttributeKey;

/** The number a server gave an accepted connection (shown as {@code #3} in events) and its peer's address. */
public final class Connections {
  /** Set when the connection is accepted. */
  public static final AttributeKey<Long> ID = AttributeKey.valueOf("nettool.connection.id");

  private Connections() {}

  /** The connection's number, or 0 before it was numbered. */
  public static long id(Channel ch) {
    Long id = ch.attr(ID).get();
    return id == null ? 0 : id;
  }

  /** The remote end; an unnamed Unix domain peer (or an embedded test channel) shows as where we listen. */
  public static Endpoint remote(Channel ch, Endpoint listen) {
    try {
      Endpoint e = Endpoint.of(ch.remoteAddress());
      if (e instanceof Endpoint.Unix u && (u.path() == null || u.path().toString().isEmpty())) {
        return listen;
      }
      return e;
    } catch (RuntimeException e) {
      // an address type we do not name (an embedded test channel)
      return listen;
    }
  }
}
