package dev.nettool.clients.ws;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;

/**
 * How a received message becomes output bytes. Called on the event loop: the pipe formats reuse the message's
 * own buffer; a format that renders text is for a person watching, who asked to see it.
 */
@FunctionalInterface
public interface WsMessageFormat {

  /**
   * The bytes to write for one message; the returned buffer is owned by the caller.
   *
   * @param text whether it is a text message (else binary)
   * @param payload the message's payload, not retained, not consumed
   */
  ByteBuf format(ByteBufAllocator alloc, boolean text, ByteBuf payload);

  /** Every message, text or binary, as its payload followed by {@code \n}: one message per line, like websocat. */
  static WsMessageFormat lines() {
    byte[] newline = {'\n'};
    return (alloc, text, payload) -> Unpooled.wrappedBuffer(payload.retainedDuplicate(), Unpooled.wrappedBuffer(newline));
  }

  /** Every payload as it is, without separators: the messages make one byte stream ({@code --binary}). */
  static WsMessageFormat raw() {
    return (alloc, text, payload) -> payload.retainedDuplicate();
  }
}
