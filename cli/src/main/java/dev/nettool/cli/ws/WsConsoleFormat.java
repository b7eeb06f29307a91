package dev.nettool.cli.ws;

import dev.nettool.clients.ws.WsMessageFormat;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Renders received messages for the interactive console: {@code < text}, one line each, with control characters
 * escaped ({@code \n}, {@code \x1b}) so that nothing a server sends can move the cursor or tear the line being
 * typed; a binary message as {@code < [binary 3 bytes] 010203}.
 */
final class WsConsoleFormat implements WsMessageFormat {

  @Override
  public ByteBuf format(ByteBufAllocator alloc, boolean text, ByteBuf payload) {
    String line = text ? "< " + escape(payload.toString(StandardCharsets.UTF_8))
        : "< [binary " + payload.readableBytes() + " bytes] " + ByteBufUtil.hexDump(payload);
    return ByteBufUtil.writeUtf8(alloc, line + "\n");
  }

  static String escape(String text) {
    StringBuilder sb = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        default -> {
          if (c < 0x20 || c == 0x7f || (c >= 0x80 && c <= 0x9f)) {
            sb.append(String.format(Locale.ROOT, "\\x%02x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    return sb.toString();
  }
}
