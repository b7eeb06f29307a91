package dev.nettool.servers.ws;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Frames as bytes on the wire, for tests that drive the whole pipeline: client frames built, server frames read. */
final class WsWire {
  private WsWire() {}

  /** One frame from the server, unmasked. */
  record Frame(int opcode, boolean fin, byte[] payload) {
    String text() {
      return new String(payload, StandardCharsets.UTF_8);
    }

    /** A Close frame's code, 1005 for an empty body. */
    int closeCode() {
      return payload.length >= 2 ? ((payload[0] & 0xff) << 8) | (payload[1] & 0xff) : 1005;
    }
  }

  static final String KEY = "dGhlIHNhbXBsZSBub25jZQ==";

  static String upgrade(String path, String extraHeaders) {
    return "GET " + path + " HTTP/1.1\r\nHost: lab\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
        + "Sec-WebSocket-Key: " + KEY + "\r\nSec-WebSocket-Version: 13\r\n" + extraHeaders + "\r\n";
  }

  /** A client frame: masked unless said otherwise, with the given first-byte flags. */
  static ByteBuf frame(int opcode, byte[] payload, boolean fin, int rsv, boolean masked) {
    ByteBuf b = Unpooled.buffer();
    b.writeByte((fin ? 0x80 : 0) | (rsv << 4) | opcode);
    int maskBit = masked ? 0x80 : 0;
    if (payload.length < 126) {
      b.writeByte(maskBit | payload.length);
    } else if (payload.length < 65536) {
      b.writeByte(maskBit | 126).writeShort(payload.length);
    } else {
      b.writeByte(maskBit | 127).writeLong(payload.length);
    }
    byte[] key = {0x11, 0x22, 0x33, 0x44};
    if (masked) {
      b.writeBytes(key);
    }
    for (int i = 0; i < payload.length; i++) {
      b.writeByte(masked ? payload[i] ^ key[i % 4] : payload[i]);
    }
    return b;
  }

  static ByteBuf text(String text, boolean fin) {
    return frame(1, text.getBytes(StandardCharsets.UTF_8), fin, 0, true);
  }

  static ByteBuf close(int code) {
    return frame(8, new byte[] {(byte) (code >> 8), (byte) code, 'b', 'y', 'e'}, true, 0, true);
  }

  /** Everything the server wrote, as bytes: the HTTP head first, then frames. */
  static ByteBuf written(EmbeddedChannel ch) {
    ByteBuf all = Unpooled.buffer();
    for (Object o; (o = ch.readOutbound()) != null; ) {
      if (o instanceof ByteBuf b) {
        all.writeBytes(b);
      }
      ReferenceCountUtil.release(o);
    }
    return all;
  }

  /** Skips the HTTP head and returns its text. */
  static String head(ByteBuf all) {
    int end = all.indexOf(all.readerIndex(), all.writerIndex(), (byte) '\n');
    StringBuilder head = new StringBuilder();
    while (end >= 0) {
      String line = all.readCharSequence(end + 1 - all.readerIndex(), StandardCharsets.ISO_8859_1).toString();
      head.append(line);
      if (line.equals("\r\n")) {
        break;
      }
      end = all.indexOf(all.readerIndex(), all.writerIndex(), (byte) '\n');
    }
    return head.toString();
  }

  static List<Frame> frames(ByteBuf all) {
    List<Frame> frames = new ArrayList<>();
    while (all.readableBytes() >= 2) {
      int b1 = all.readUnsignedByte();
      int len = all.readUnsignedByte() & 0x7f;
      long n = len == 126 ? all.readUnsignedShort() : len == 127 ? all.readLong() : len;
      byte[] payload = new byte[(int) n];
      all.readBytes(payload);
      frames.add(new Frame(b1 & 0x0f, (b1 & 0x80) != 0, payload));
    }
    all.release();
    return frames;
  }
}
