package dev.nettool.servers.tcp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/**
 * The chargen pattern of RFC 864, the "known pattern" of {@code --mode source}: line {@code k} holds
 * 72 printable ASCII characters starting at character {@code k mod 95}, then CR LF. The pattern
 * repeats every 95 lines, so one shared cycle is sliced without copying.
 */
final class Chargen {
  static final int LINE = 74;
  static final int CYCLE_LENGTH = 95 * LINE;
  private static final ByteBuf CYCLE = Unpooled.unreleasableBuffer(cycle().asReadOnly());

  private Chargen() {}

  /** The byte at {@code offset} in the endless pattern. */
  static byte byteAt(long offset) {
    return CYCLE.getByte((int) (offset % CYCLE_LENGTH));
  }

  /** A read-only view of up to {@code max} bytes of the pattern starting at {@code offset}. */
  static ByteBuf slice(long offset, int max) {
    int start = (int) (offset % CYCLE_LENGTH);
    int len = Math.min(max, CYCLE_LENGTH - start);
    return CYCLE.slice(start, len);
  }

  private static ByteBuf cycle() {
    byte[] bytes = new byte[CYCLE_LENGTH];
    for (int line = 0; line < 95; line++) {
      for (int i = 0; i < 72; i++) {
        bytes[line * LINE + i] = (byte) (' ' + (line + i) % 95);
      }
      bytes[line * LINE + 72] = '\r';
      bytes[line * LINE + 73] = '\n';
    }
    return Unpooled.wrappedBuffer(bytes);
  }
}
