package dev.nettool.servers.ws;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrameDecoder;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

/**
 * The server's RFC 6455 frame decoder: Netty's rules, in Netty's order and with its close reasons, but each frame's
 * payload is a slice of the bytes as they were read, unmasked in place, not a copy. A frame that spans many reads
 * is gathered in a composite buffer without copying, and an echo writes the very buffers it read.
 *
 * <p>Refused with a Close and the channel closed: reserved bits without an extension to use them (1002), an
 * unmasked frame (1002), a fragmented or oversized (over 125 bytes) control frame (1002), a reserved opcode (1002),
 * a continuation outside a fragmented message or a new message inside one (1002), a length not in its shortest
 * form or negative (1002), a payload over the frame limit (1009). After a Close frame, nothing more is read. The
 * Close frame's body is left to {@link WsCloseFrameCheck}: Netty's own check answers an invalid code (1005, 999)
 * with no Close frame at all, and lets 5000 through.
 */
final class WsFrameDecoder extends ByteToMessageDecoder implements WebSocketFrameDecoder {
  private static final int OPCODE_CONT = 0x0;
  private static final int OPCODE_TEXT = 0x1;
  private static final int OPCODE_BINARY = 0x2;
  private static final int OPCODE_CLOSE = 0x8;
  private static final int OPCODE_PING = 0x9;
  private static final int OPCODE_PONG = 0xA;

  private final WebSocketDecoderConfig config;
  private int fragments;
  private boolean receivedClose;
  private boolean corrupt;

  WsFrameDecoder(WebSocketDecoderConfig config) {
    this.config = config;
    setCumulator(COMPOSITE_CUMULATOR);
  }

  @Override
  protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
    if (receivedClose || corrupt) {
      in.skipBytes(in.readableBytes());
      return;
    }
    int start = in.readerIndex();
    int readable = in.readableBytes();
    if (readable < 2) {
      return;
    }
    int b0 = in.getUnsignedByte(start);
    int b1 = in.getUnsignedByte(start + 1);
    boolean fin = (b0 & 0x80) != 0;
    int rsv = (b0 & 0x70) >> 4;
    int opcode = b0 & 0x0F;
    boolean masked = (b1 & 0x80) != 0;
    int len1 = b1 & 0x7F;
    String violation = headViolation(fin, rsv, opcode, masked, len1);
    if (violation != null) {
      protocolViolation(ctx, in, WebSocketCloseStatus.PROTOCOL_ERROR, violation);
      return;
    }
    int head = 2;
    long length;
    if (len1 == 126) {
      if (readable < 4) {
        return;
      }
      length = in.getUnsignedShort(start + 2);
      head = 4;
      if (length < 126) {
        protocolViolation(ctx, in, WebSocketCloseStatus.PROTOCOL_ERROR,
            "invalid data frame length (not using minimal length encoding)");
        return;
      }
    } else if (len1 == 127) {
      if (readable < 10) {
        return;
      }
      length = in.getLong(start + 2);
      head = 10;
      if (length < 0) {
        protocolViolation(ctx, in, WebSocketCloseStatus.PROTOCOL_ERROR, "invalid data frame length (negative length)");
        return;
      }
      if (length < 65536) {
        protocolViolation(ctx, in, WebSocketCloseStatus.PROTOCOL_ERROR,
            "invalid data frame length (not using minimal length encoding)");
        return;
      }
    } else {
      length = len1;
    }
    if (length > config.maxFramePayloadLength()) {
      protocolViolation(ctx, in, WebSocketCloseStatus.MESSAGE_TOO_BIG,
          "Max frame length of " + config.maxFramePayloadLength() + " has been exceeded.");
      return;
    }
    int mask = 0;
    if (masked) {
      if (readable < head + 4) {
        return;
      }
      mask = in.getInt(start + head);
      head += 4;
    }
    if (readable - head < length) {
      return; // the payload is still coming
    }
    in.skipBytes(head);
    ByteBuf payload = length == 0 ? Unpooled.EMPTY_BUFFER : in.readRetainedSlice((int) length);
    if (mask != 0 && length > 0) {
      unmask(payload, mask);
    }
    out.add(frame(fin, rsv, opcode, payload));
  }

  /** Netty's checks on the first two bytes, in its order; the reason for the Close, or null. */
  private String headViolation(boolean fin, int rsv, int opcode, boolean masked, int len1) {
    if (rsv != 0 && !config.allowExtensions()) {
      return "RSV != 0 and no extension negotiated, RSV:" + rsv;
    }
    if (!config.allowMaskMismatch() && config.expectMaskedFrames() != masked) {
      return "received a frame that is not masked as expected";
    }
    if (opcode > 7) {
      if (!fin) {
        return "fragmented control frame";
      }
      if (len1 > 125) {
        return "control frame with payload length > 125 octets";
      }
      if (opcode != OPCODE_CLOSE && opcode != OPCODE_PING && opcode != OPCODE_PONG) {
        return "control frame using reserved opcode " + opcode;
      }
      return null;
    }
    if (opcode != OPCODE_CONT && opcode != OPCODE_TEXT && opcode != OPCODE_BINARY) {
      return "data frame using reserved opcode " + opcode;
    }
    if (fragments == 0 && opcode == OPCODE_CONT) {
      return "received continuation data frame outside fragmented message";
    }
    if (fragments != 0 && opcode != OPCODE_CONT) {
      return "received non-continuation data frame while inside fragmented message";
    }
    return null;
  }

  private WebSocketFrame frame(boolean fin, int rsv, int opcode, ByteBuf payload) {
    switch (opcode) {
      case OPCODE_PING:
        return new PingWebSocketFrame(fin, rsv, payload);
      case OPCODE_PONG:
        return new PongWebSocketFrame(fin, rsv, payload);
      case OPCODE_CLOSE:
        receivedClose = true;
        return new CloseWebSocketFrame(fin, rsv, payload);
      default:
        break;
    }
    fragments = fin ? 0 : fragments + 1;
    if (opcode == OPCODE_TEXT) {
      return new TextWebSocketFrame(fin, rsv, payload);
    }
    if (opcode == OPCODE_BINARY) {
      return new BinaryWebSocketFrame(fin, rsv, payload);
    }
    return new ContinuationWebSocketFrame(fin, rsv, payload);
  }

  /**
   * XORs the payload with the masking key where it lies, eight bytes at a time, through each of the buffers it is
   * made of (a frame gathered over many reads lies in many).
   */
  static void unmask(ByteBuf payload, int mask) {
    int offset = 0;
    for (ByteBuffer part : payload.nioBuffers()) {
      part.order(ByteOrder.BIG_ENDIAN);
      int key = Integer.rotateLeft(mask, 8 * (offset & 3)); // the key as it lines up with this part's first byte
      long key8 = (key & 0xFFFFFFFFL) | ((long) key << 32);
      int i = part.position();
      int end = part.limit();
      for (; end - i >= 8; i += 8) {
        part.putLong(i, part.getLong(i) ^ key8);
      }
      for (int k = 0; i < end; i++, k++) {
        part.put(i, (byte) (part.get(i) ^ (key >>> (24 - 8 * (k & 3)))));
      }
      offset += end - part.position();
    }
  }

  /** As Netty's decoder: nothing more is read, the peer gets a Close with the reason, and the error goes on. */
  private void protocolViolation(ChannelHandlerContext ctx, ByteBuf in, WebSocketCloseStatus status, String reason) {
    corrupt = true;
    in.skipBytes(in.readableBytes());
    if (ctx.channel().isActive() && config.closeOnProtocolViolation()) {
      ctx.writeAndFlush(new CloseWebSocketFrame(status, reason)).addListener(ChannelFutureListener.CLOSE);
    }
    throw new CorruptedWebSocketFrameException(status, reason);
  }
}
