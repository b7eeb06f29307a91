package dev.nettool.cli.tcp;

import dev.nettool.clients.tcp.TcpClientOutput;
import io.netty.buffer.ByteBuf;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Renders received bytes as text for the interactive console: UTF-8 (a character split between two reads
 * waits for its end), {@code \r\n} as a line end, and every other control character escaped as
 * {@code \x1b}, so that nothing a peer sends can move the cursor or tear the line being typed.
 */
final class TcpClientConsoleOutput implements TcpClientOutput {
  private final Consumer<String> printAbove;
  private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
      .onMalformedInput(CodingErrorAction.REPLACE)
      .onUnmappableCharacter(CodingErrorAction.REPLACE);
  private byte[] carry = new byte[0];
  private boolean pendingCr;

  TcpClientConsoleOutput(Consumer<String> printAbove) {
    this.printAbove = printAbove;
  }

  @Override
  public void write(ByteBuf data) {
    ByteBuffer in = ByteBuffer.allocate(carry.length + data.readableBytes());
    in.put(carry);
    data.getBytes(data.readerIndex(), in);
    in.flip();
    CharBuffer chars = CharBuffer.allocate(in.remaining() + 1);
    decoder.decode(in, chars, false);
    carry = new byte[in.remaining()];
    in.get(carry);
    chars.flip();
    String text = escape(chars);
    if (!text.isEmpty()) {
      printAbove.accept(text);
    }
  }

  private String escape(CharSequence chars) {
    StringBuilder sb = new StringBuilder(chars.length());
    if (pendingCr && (chars.length() == 0 || chars.charAt(0) != '\n')) {
      sb.append("\\r");
    }
    pendingCr = false;
    for (int i = 0; i < chars.length(); i++) {
      char c = chars.charAt(i);
      if (c == '\r') {
        if (i + 1 == chars.length()) {
          pendingCr = true;
        } else if (chars.charAt(i + 1) != '\n') {
          sb.append("\\r");
        }
      } else if (c == '\n' || c == '\t' || (c >= 0x20 && c != 0x7f && (c < 0x80 || c > 0x9f))) {
        sb.append(c);
      } else {
        sb.append(String.format(Locale.ROOT, "\\x%02x", (int) c));
      }
    }
    return sb.toString();
  }
}
