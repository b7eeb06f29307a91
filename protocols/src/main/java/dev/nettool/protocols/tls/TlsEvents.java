package dev.nettool.protocols.tls;

import dev.nettool.protocols.event.Event;
import dev.nettool.protocols.event.Verbosity;
import java.util.Map;

/** Events about TLS sessions, in the style of {@code NetEvents}. */
public final class TlsEvents {
  private TlsEvents() {}

  /** A client's handshake completed: {@code tls #1 TLSv1.3 cipher=TLS_AES_128_GCM_SHA256 subject=CN=localhost}. */
  public static Event handshake(long id, Map<String, Object> facts) {
    Event.Builder b = Event.builder("tls", Verbosity.NORMAL).field("id", id);
    StringBuilder text = new StringBuilder("tls #").append(id);
    facts.forEach((k, v) -> {
      b.field(k, v);
      text.append(' ');
      if (!k.equals("tls")) {
        text.append(k).append('=');
      }
      text.append(v);
    });
    return b.text(text.toString());
  }
}
