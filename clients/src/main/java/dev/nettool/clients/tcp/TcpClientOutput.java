package dev.nettool.clients.tcp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Where the bytes a connection receives go, in order. It is called on the output thread, never on an
 * event loop, so it may block; it must not keep the buffer it is given.
 */
public interface TcpClientOutput {

  /** Writes (or renders) one received chunk. */
  void write(ByteBuf data) throws IOException;

  /** The bytes as they are, like {@code nc}: binary safe, flushed after every chunk. */
  static TcpClientOutput raw(OutputStream out) {
    return data -> {
      data.getBytes(data.readerIndex(), out, data.readableBytes());
      flush(out);
    };
  }

  /** A hex dump of every chunk as it arrives (one table per chunk), like {@code xxd}. */
  static TcpClientOutput hexDump(OutputStream out) {
    return data -> {
      out.write((ByteBufUtil.prettyHexDump(data) + System.lineSeparator()).getBytes(StandardCharsets.US_ASCII));
      flush(out);
    };
  }

  // A PrintStream swallows write errors (stdout closed, a full disk); ask it, so that they still end the run.
  private static void flush(OutputStream out) throws IOException {
    out.flush();
    if (out instanceof PrintStream ps && ps.checkError()) {
      throw new IOException("output closed");
    }
  }
}
