package dev.nettool.servers.http;

import java.nio.ByteBuffer;

/**
 * Skips a gzip member header (RFC 1952: ten fixed bytes, then the optional extra field, name, comment
 * and header CRC) as it arrives in pieces, so a raw {@link java.util.zip.Inflater} can take the rest.
 */
final class HttpGzipHeader {
  private static final int FHCRC = 2;
  private static final int FEXTRA = 4;
  private static final int FNAME = 8;
  private static final int FCOMMENT = 16;
  private static final int OPTIONAL = FHCRC | FEXTRA | FNAME | FCOMMENT;

  private int fixed;
  private int flags;
  private int lengthBytes;
  private int extraLeft;
  private int crcBytes;
  private boolean failed;

  /** Consumes header bytes from {@code in}; true once the header is complete (the rest is deflate data). */
  boolean skip(ByteBuffer in) {
    while (!failed && !complete() && in.hasRemaining()) {
      int b = in.get() & 0xff;
      if (fixed < 10) {
        failed = (fixed == 0 && b != 0x1f) || (fixed == 1 && b != 0x8b) || (fixed == 2 && b != 8);
        flags = fixed == 3 ? b & OPTIONAL : flags;
        fixed++;
      } else if ((flags & FEXTRA) != 0) {
        extra(b);
      } else if ((flags & FNAME) != 0) {
        flags = b == 0 ? flags & ~FNAME : flags;
      } else if ((flags & FCOMMENT) != 0) {
        flags = b == 0 ? flags & ~FCOMMENT : flags;
      } else {
        flags = ++crcBytes == 2 ? flags & ~FHCRC : flags;
      }
    }
    return !failed && complete();
  }

  private void extra(int b) {
    if (lengthBytes < 2) {
      extraLeft |= b << (8 * lengthBytes++);
    } else {
      extraLeft--;
    }
    if (lengthBytes == 2 && extraLeft == 0) {
      flags &= ~FEXTRA;
    }
  }

  private boolean complete() {
    return fixed == 10 && flags == 0;
  }

  boolean failed() {
    return failed;
  }
}
