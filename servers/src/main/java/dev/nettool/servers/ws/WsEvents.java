package dev.nettool.servers.ws;

import dev.nettool.protocols.event.Event;
import dev.nettool.protocols.event.NetEvents;
import dev.nettool.protocols.event.Verbosity;
import dev.nettool.protocols.unit.Durations;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;

/** Factories for the WebSocket server's own events, so that names and fields agree everywhere. */
final class WsEvents {
  /** How much of a payload a text line shows (characters of text, bytes of binary); the JSON field has all. */
  private static final int SHOWN = 200;

  private WsEvents() {}

  /**
   * A whole message arrived: {@code message #3 text 5 bytes}, with {@code : "hello"} or a hex dump when asked.
   *
   * @param payload the bytes to show (not retained, not consumed), or {@code null} for the count only
   */
  static Event message(long id, String type, int bytes, ByteBuf payload, boolean hex) {
    Event.Builder b = Event.builder("message", Verbosity.NORMAL).field("id", id).field("type", type)
        .field("bytes", bytes);
    StringBuilder text = new StringBuilder("message #").append(id).append(' ').append(type).append(' ')
        .append(bytes).append(" bytes");
    if (payload != null && hex) {
      b.field("hex", ByteBufUtil.hexDump(payload));
      text.append(System.lineSeparator()).append(ByteBufUtil.prettyHexDump(payload));
    } else if (payload != null) {
      String decoded = payload.toString(StandardCharsets.UTF_8);
      b.field("payload", decoded);
      boolean isText = type.equals("text");
      text.append(": ").append(isText ? quoted(decoded)
          : NetEvents.printable(payload.slice(payload.readerIndex(), Math.min(bytes, SHOWN))));
      if ((isText ? decoded.length() : bytes) > SHOWN) {
        text.append("...");
      }
    }
    return b.text(text.toString());
  }

  // Text as text (UTF-8 shown as characters), quoted, control characters escaped, cut at SHOWN characters.
  private static String quoted(String text) {
    StringBuilder sb = new StringBuilder("\"");
    int end = Math.min(text.length(), SHOWN);
    for (int i = 0; i < end; i++) {
      char c = text.charAt(i);
      switch (c) {
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        default -> {
          if (c < 0x20 || c == 0x7f) {
            sb.append(String.format(Locale.ROOT, "\\x%02x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    return sb.append('"').toString();
  }

  /** A ping or pong came from the peer: {@code ping #3 4 bytes}. */
  static Event control(String name, long id, int bytes) {
    return Event.builder(name, Verbosity.NORMAL).field("id", id).field("bytes", bytes)
        .text(name + " #" + id + " " + bytes + " bytes");
  }

  /**
   * A session ended: {@code close #3 code=1000 reason="bye" by=peer in=5 out=5 1.2s}; code 1006 when no close
   * frame was exchanged.
   *
   * @param by who sent the first close frame: {@code peer}, {@code server}, or {@code null} when nobody did
   */
  static Event close(long id, int code, String reason, String by, long in, long out, Duration took) {
    Event.Builder b = Event.builder("close", Verbosity.NORMAL).field("id", id).field("code", code);
    StringBuilder text = new StringBuilder("close #").append(id).append(" code=").append(code);
    if (reason != null && !reason.isEmpty()) {
      b.field("reason", reason);
      text.append(" reason=").append(NetEvents.printable(reason.getBytes(StandardCharsets.UTF_8)));
    }
    if (by != null) {
      b.field("by", by);
      text.append(" by=").append(by);
    }
    b.field("bytesIn", in).field("bytesOut", out).field("ms", Math.round(took.toNanos() / 1e3) / 1e3);
    text.append(" in=").append(in).append(" out=").append(out).append(' ').append(Durations.format(took));
    return b.text(text.toString());
  }

  /** An upgrade was refused with an HTTP status: {@code reject #4 404 GET /nope: no WebSocket at this path}. */
  static Event reject(long id, int status, String method, String uri, String reason) {
    return Event.builder("reject", Verbosity.NORMAL).field("id", id).field("status", status).field("method", method)
        .field("uri", uri).field("reason", reason)
        .text("reject #" + id + " " + status + " " + method + " " + uri + ": " + reason);
  }
}
