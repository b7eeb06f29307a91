package dev.nettool.clients.ws;

import dev.nettool.protocols.address.Endpoint;
import dev.nettool.protocols.event.Event;
import dev.nettool.protocols.event.NetEvents;
import dev.nettool.protocols.event.Verbosity;
import dev.nettool.protocols.unit.Durations;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** The events of a WebSocket client, one per frame, in the style of {@link NetEvents}. */
public final class WsClientEvents {
  /** Which way a frame went. */
  public enum Direction {
    IN, OUT;

    String word() {
      return this == IN ? "in" : "out";
    }
  }

  private WsClientEvents() {}

  /**
   * The upgrade succeeded: {@code connect ws://127.0.0.1:8080/chat 127.0.0.1:8080 subprotocol=chat in 2.1ms}.
   *
   * @param subprotocol the one the server chose, or {@code null}
   */
  public static Event connect(WsUrl url, Endpoint remote, String subprotocol, Duration took) {
    Event.Builder b = Event.builder("connect", Verbosity.NORMAL).field("url", url.toString());
    if (remote instanceof Endpoint.Inet inet) {
      b.field("remoteHost", inet.host()).field("remotePort", inet.port());
    }
    b.field("subprotocol", subprotocol).field("ms", Math.round(took.toNanos() / 1e3) / 1e3);
    return b.text("connect " + url + " " + remote.display() + (subprotocol == null ? "" : " subprotocol=" + subprotocol)
        + " in " + Durations.format(took));
  }

  /** A text or binary message: {@code message in text 5 bytes: "hello"}, {@code message out binary 2 bytes: 0102}. */
  public static Event message(Direction direction, boolean text, ByteBuf payload) {
    int n = payload.readableBytes();
    Event.Builder b = Event.builder("message", Verbosity.VERBOSE).field("direction", direction.word())
        .field("type", text ? "text" : "binary").field("bytes", n);
    String shown;
    if (text) {
      b.field("text", payload.toString(StandardCharsets.UTF_8));
      shown = NetEvents.printable(payload);
    } else {
      shown = ByteBufUtil.hexDump(payload);
      b.field("hex", shown);
    }
    return b.text("message " + direction.word() + " " + (text ? "text " : "binary ") + n + " bytes: " + shown);
  }

  /** A ping or a pong frame: {@code ping out 4 bytes: "abcd"} (the hex is in JSON). */
  public static Event control(String kind, Direction direction, ByteBuf payload) {
    return Event.builder(kind, Verbosity.NORMAL).field("direction", direction.word())
        .field("bytes", payload.readableBytes()).field("hex", ByteBufUtil.hexDump(payload))
        .text(kind + " " + direction.word() + " " + payload.readableBytes() + " bytes: " + NetEvents.printable(payload));
  }

  /** A close frame: {@code close in code=1000 reason="bye"}. */
  public static Event close(Direction direction, int code, String reason) {
    return Event.builder("close", Verbosity.NORMAL).field("direction", direction.word()).field("code", code)
        .field("reason", reason)
        .text("close " + direction.word() + " code=" + code + " reason="
            + NetEvents.printable(reason.getBytes(StandardCharsets.UTF_8)));
  }
}
