package dev.nettool.protocols.event;

import dev.nettool.protocols.address.Endpoint;
import dev.nettool.protocols.unit.Durations;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/** Factories for the events every stream and datagram protocol shares, so names and fields agree everywhere. */
public final class NetEvents {
  private NetEvents() {}

  /** The ready line: {@code listening tcp 127.0.0.1:41731 transport=epoll nodelay=off}. */
  public static Event listening(String proto, Endpoint bound, String transport, Map<String, Object> extra) {
    Event.Builder b = Event.builder("listening", Verbosity.QUIET).field("proto", proto);
    addressFields(b, bound);
    b.field("transport", transport);
    StringBuilder text = new StringBuilder("listening ").append(proto).append(' ').append(bound.display());
    text.append(" transport=").append(transport);
    extra.forEach((k, v) -> {
      b.field(k, v);
      text.append(' ').append(k).append('=').append(v instanceof String s && s.contains(" ") ? '"' + s + '"' : v);
    });
    return b.text(text.toString());
  }

  /** A new connection was accepted: {@code connection #3 from 127.0.0.1:53422}. */
  public static Event connection(long id, Endpoint remote) {
    return connection(id, remote, Map.of());
  }

  /** A new connection with socket facts read back from it: {@code connection #3 from 127.0.0.1:53422 nodelay=on}. */
  public static Event connection(long id, Endpoint remote, Map<String, Object> facts) {
    Event.Builder b = Event.builder("connection", Verbosity.NORMAL).field("id", id);
    remoteFields(b, remote);
    StringBuilder text = new StringBuilder("connection #").append(id).append(" from ").append(remote.display());
    facts.forEach((k, v) -> {
      b.field(k, v);
      text.append(' ').append(k).append('=').append(v);
    });
    return b.text(text.toString());
  }

  /** A client connected: {@code connect 127.0.0.1:8124 in 0.4ms}. */
  public static Event connect(Endpoint remote, Duration took) {
    Event.Builder b = Event.builder("connect", Verbosity.NORMAL);
    remoteFields(b, remote);
    b.field("ms", millis(took));
    return b.text("connect " + remote.display() + " in " + Durations.format(took));
  }

  /** A connection over the limit was closed at once: {@code drop #9 from 127.0.0.1:5000 max-connections=8}. */
  public static Event drop(long id, Endpoint remote, String reason) {
    Event.Builder b = Event.builder("drop", Verbosity.NORMAL).field("id", id);
    remoteFields(b, remote);
    b.field("reason", reason);
    return b.text("drop #" + id + " from " + remote.display() + " " + reason);
  }

  /**
   * Bytes arrived: {@code data #3 5 bytes}, followed by a hex dump when {@code dumpOf} is given.
   *
   * @param dumpOf the bytes to dump (not retained, not consumed), or {@code null}
   */
  public static Event data(long id, int bytes, ByteBuf dumpOf) {
    Event.Builder b = Event.builder("data", Verbosity.VERBOSE).field("id", id).field("bytes", bytes);
    String text = "data #" + id + " " + bytes + " bytes";
    if (dumpOf != null) {
      b.field("hex", ByteBufUtil.hexDump(dumpOf));
      text += System.lineSeparator() + ByteBufUtil.prettyHexDump(dumpOf);
    }
    return b.text(text);
  }

  /** The peer finished sending (FIN): {@code end #3}. */
  public static Event end(long id) {
    return Event.builder("end", Verbosity.NORMAL).field("id", id).text("end #" + id);
  }

  /** A connection closed: {@code close #3 in=5 out=5 1.2ms}. */
  public static Event close(long id, long in, long out, Duration took) {
    return Event.builder("close", Verbosity.NORMAL)
        .field("id", id)
        .field("bytesIn", in)
        .field("bytesOut", out)
        .field("ms", millis(took))
        .text("close #" + id + " in=" + in + " out=" + out + " " + Durations.format(took));
  }

  /** A timeout closed a connection: {@code timeout #3 idle 30s}. */
  public static Event timeout(long id, String what, Duration after) {
    return Event.builder("timeout", Verbosity.NORMAL)
        .field("id", id)
        .field("what", what)
        .field("ms", millis(after))
        .text("timeout #" + id + " " + what + " " + Durations.format(after));
  }

  /** A datagram arrived: {@code message from 127.0.0.1:5353 6 bytes}, with payload when asked for. */
  public static Event message(Endpoint from, int bytes, ByteBuf payload, boolean hex) {
    Event.Builder b = Event.builder("message", Verbosity.NORMAL);
    remoteFields(b, from);
    b.field("bytes", bytes);
    StringBuilder text = new StringBuilder("message from ").append(from.display()).append(' ')
        .append(bytes).append(" bytes");
    if (payload != null) {
      if (hex) {
        b.field("hex", ByteBufUtil.hexDump(payload));
        text.append(System.lineSeparator()).append(ByteBufUtil.prettyHexDump(payload));
      } else {
        String shown = printable(payload);
        b.field("payload", payload.toString(java.nio.charset.StandardCharsets.UTF_8));
        text.append(": ").append(shown);
      }
    }
    return b.text(text.toString());
  }

  /** Something failed; always shown: {@code error #3 connection reset}. */
  public static Event error(Long id, String what, String detail) {
    Event.Builder b = Event.builder("error", Verbosity.QUIET).field("id", id).field("what", what)
        .field("detail", detail);
    return b.text("error" + (id == null ? "" : " #" + id) + " " + what + ": " + detail);
  }

  /** The closing summary of a server run. */
  public static Event summary(String proto, long connections, long in, long out, Duration took) {
    String unit = proto.equals("udp") ? "datagrams" : "connections";
    return Event.builder("summary", Verbosity.NORMAL)
        .field("proto", proto)
        .field(unit, connections)
        .field("bytesIn", in)
        .field("bytesOut", out)
        .field("ms", millis(took))
        .text(String.format(Locale.ROOT, "summary %s %d %s in=%d out=%d %s", proto, connections, unit, in, out,
            Durations.format(took)));
  }

  /** Renders bytes as a quoted string with escapes for anything not printable ASCII. */
  public static String printable(ByteBuf buf) {
    StringBuilder sb = new StringBuilder("\"");
    for (int i = buf.readerIndex(); i < buf.writerIndex(); i++) {
      int c = buf.getByte(i) & 0xff;
      switch (c) {
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        default -> {
          if (c >= 0x20 && c < 0x7f) {
            sb.append((char) c);
          } else {
            sb.append(String.format(Locale.ROOT, "\\x%02x", c));
          }
        }
      }
    }
    return sb.append('"').toString();
  }

  /** Renders bytes from an array the same way. */
  public static String printable(byte[] bytes) {
    return printable(Unpooled.wrappedBuffer(bytes));
  }

  private static void addressFields(Event.Builder b, Endpoint e) {
    if (e instanceof Endpoint.Inet inet) {
      b.field("host", inet.host()).field("port", inet.port());
    } else if (e instanceof Endpoint.Unix unix) {
      b.field("path", unix.path().toString());
    }
  }

  private static void remoteFields(Event.Builder b, Endpoint e) {
    if (e instanceof Endpoint.Inet inet) {
      b.field("remoteHost", inet.host()).field("remotePort", inet.port());
    } else if (e instanceof Endpoint.Unix unix) {
      b.field("remotePath", unix.path().toString());
    }
  }

  private static double millis(Duration d) {
    return Math.round(d.toNanos() / 1e3) / 1e3;
  }
}
