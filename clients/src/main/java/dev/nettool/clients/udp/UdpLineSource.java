package dev.nettool.clients.udp;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Cuts stdin into datagrams, one per line with its newline kept, as {@code nc -u} sends them; a
 * line longer than the largest datagram is split, and a last line without a newline is sent as is.
 */
final class UdpLineSource implements UdpDatagramSender.Source {
  private final InputStream in;
  private final byte[] buf = new byte[8192];
  private int pos;
  private int len;
  private boolean eof;

  UdpLineSource(InputStream in) {
    this.in = in;
  }

  @Override
  public byte[] next() throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    while (true) {
      if (pos == len) {
        if (eof || (len = in.read(buf)) < 0) {
          eof = true;
          len = 0;
          pos = 0;
          return line.size() > 0 ? line.toByteArray() : null;
        }
        pos = 0;
      }
      int room = UdpClientConfig.MAX_DATAGRAM - line.size();
      int end = pos;
      while (end < len && end - pos < room && buf[end] != '\n') {
        end++;
      }
      boolean newline = end < len && end - pos < room && buf[end] == '\n';
      if (newline) {
        end++;
      }
      line.write(buf, pos, end - pos);
      pos = end;
      if (newline || line.size() == UdpClientConfig.MAX_DATAGRAM) {
        return line.toByteArray();
      }
    }
  }
}
