package dev.nettool.servers.http;

import io.netty.buffer.ByteBuf;

/**
 * Follows a chunked body's framing (size line, data and its CRLF, ..., the zero chunk, trailer lines,
 * the empty line) only to cut the byte stream where the body ends, so the bytes behind it are scanned
 * as the next head. The codec does the real decoding and judges malformed framing.
 */
final class HttpChunkFraming {
  private enum Part { SIZE, DATA, TRAILER }

  private Part part = Part.SIZE;
  private long size;
  private boolean sizeDone;
  private long dataLeft;
  private int lineLength;

  /** How many bytes from {@code in}'s reader index form the next piece: a whole line, or chunk data. */
  int next(ByteBuf in) {
    if (part == Part.DATA) {
      int n = (int) Math.min(dataLeft, in.readableBytes());
      dataLeft -= n;
      if (dataLeft == 0) {
        part = Part.SIZE;
      }
      return n;
    }
    int lf = in.indexOf(in.readerIndex(), in.writerIndex(), (byte) '\n');
    int n = lf < 0 ? in.readableBytes() : lf + 1 - in.readerIndex();
    if (part == Part.SIZE) {
      readSize(in, n);
    }
    lineLength += n;
    if (lf >= 0) {
      endOfLine();
    }
    return n;
  }

  private void readSize(ByteBuf in, int n) {
    for (int i = in.readerIndex(); i < in.readerIndex() + n && !sizeDone; i++) {
      int digit = Character.digit(in.getByte(i), 16);
      if (digit < 0) {
        sizeDone = true;
      } else {
        size = size > (Long.MAX_VALUE >> 4) ? Long.MAX_VALUE : (size << 4) + digit;
      }
    }
  }

  private void endOfLine() {
    if (part == Part.SIZE) {
      part = size == 0 ? Part.TRAILER : Part.DATA;
      dataLeft = size == Long.MAX_VALUE ? Long.MAX_VALUE : size + 2;
      size = 0;
      sizeDone = false;
    } else if (part == Part.TRAILER && lineLength <= 2) {
      part = Part.SIZE; // the empty line: the body is over (the codec says so too)
    }
    lineLength = 0;
  }
}
