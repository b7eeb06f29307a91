package dev.nettool.cli.ws;

import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * One line typed at the {@code ws-client} prompt: a text message, or a slash command ({@code /ping [data]},
 * {@code /close [code] [reason]}, {@code /binary HEX}, {@code /quit}). {@code //text} sends {@code /text}.
 */
sealed interface WsConsoleInput {
  /** A text message. */
  record Text(String text) implements WsConsoleInput {}

  /** A binary message. */
  record Binary(byte[] bytes) implements WsConsoleInput {}

  /** A ping with a payload (at most 125 bytes). */
  record Ping(byte[] payload) implements WsConsoleInput {}

  /** Start the close handshake; {@code code} 0 means the run's close code and reason. */
  record Close(int code, String reason) implements WsConsoleInput {}

  /** A command that could not be understood, with what to say about it. */
  record Invalid(String message) implements WsConsoleInput {}

  /** Reads one line. */
  static WsConsoleInput parse(String line) {
    if (!line.startsWith("/") || line.startsWith("//")) {
      return new Text(line.startsWith("//") ? line.substring(1) : line);
    }
    int space = line.indexOf(' ');
    String command = space < 0 ? line : line.substring(0, space);
    String rest = space < 0 ? "" : line.substring(space + 1);
    return switch (command) {
      case "/quit" -> new Close(0, "");
      case "/ping" -> ping(rest);
      case "/close" -> close(rest.trim());
      case "/binary" -> binary(rest.replace(" ", ""));
      default -> new Invalid("unknown command " + command + " (/ping [data], /close [code] [reason], /binary HEX, "
          + "/quit; //text sends /text)");
    };
  }

  private static WsConsoleInput ping(String data) {
    byte[] payload = data.getBytes(StandardCharsets.UTF_8);
    return payload.length > 125 ? new Invalid("a ping carries at most 125 bytes") : new Ping(payload);
  }

  private static WsConsoleInput close(String args) {
    if (args.isEmpty()) {
      return new Close(0, "");
    }
    int space = args.indexOf(' ');
    String codeText = space < 0 ? args : args.substring(0, space);
    String reason = space < 0 ? "" : args.substring(space + 1);
    int code;
    try {
      code = Integer.parseInt(codeText);
    } catch (NumberFormatException e) {
      return new Invalid("/close: '" + codeText + "' is not a close code");
    }
    if (code < 1000 || code > 4999 || !WebSocketCloseStatus.isValidStatusCode(code)) {
      return new Invalid("/close: " + code + " may not be sent (1000-1003, 1007-1014 or 3000-4999)");
    }
    if (reason.getBytes(StandardCharsets.UTF_8).length > 123) {
      return new Invalid("/close: a reason holds at most 123 bytes");
    }
    return new Close(code, reason);
  }

  private static WsConsoleInput binary(String hex) {
    try {
      return new Binary(HexFormat.of().parseHex(hex));
    } catch (IllegalArgumentException e) {
      return new Invalid("/binary: '" + hex + "' is not an even number of hex digits");
    }
  }
}
