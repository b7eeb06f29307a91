package dev.nettool.servers.http;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.util.ByteProcessor;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The byte rules of one request head that Netty's decoder does not enforce: CRLF line ends only (no
 * bare CR or LF), no obs-fold, no control characters or NUL, and a request line of exactly three
 * words (two is HTTP/0.9: 505). Fed the head as it arrives; {@link #reset()} starts the next one.
 *
 * <p>It walks the bytes with {@link ByteBuf#forEachByte}, which reads them without a bounds check each, and
 * keeps the names it may have to quote in two small arrays it swaps: a head that breaks no rule costs no
 * allocation (with wrk on a hello route, per-byte reads and a string per header line made this class 6%
 * of the event loop's own time).
 */
final class HttpHeadRules implements ByteProcessor {
  /** {@link #scan} found a violation; {@link #problem()} names it. */
  static final int VIOLATION = -2;
  /** {@link #scan} needs more bytes. */
  static final int MORE = -1;

  private static final int NAME_SHOWN = 64;
  private static final String VERSION = "HTTP/";

  private int line;
  private int column;
  private int spaces;
  private int afterSpace;
  private boolean versionLike;
  private boolean cr;
  private boolean inName = true;
  /** The current header's name (its first {@code NAME_SHOWN} bytes) and the previous one's. */
  private byte[] name = new byte[NAME_SHOWN];
  private int nameLength;
  private byte[] lastName = new byte[NAME_SHOWN];
  private int lastNameLength;
  private boolean ended;
  private HttpRejection problem;

  /**
   * Checks {@code in} from its reader index on; returns the index after the head's end, {@link #MORE}
   * or {@link #VIOLATION}.
   */
  int scan(ByteBuf in) {
    int stop = in.forEachByte(in.readerIndex(), in.readableBytes(), this);
    if (stop < 0) {
      return MORE;
    }
    return problem != null ? VIOLATION : stop + 1;
  }

  /** One byte of the head; {@code false} stops the walk at it: the head ended there, or broke a rule. */
  @Override
  public boolean process(byte value) {
    int b = value & 0xff;
    if (cr) {
      cr = false;
      problem = b == '\n' ? endOfLine() : bad("bare CR in the " + where());
      if (problem != null || ended) {
        return false;
      }
      column = 0;
      return true;
    }
    if (b == '\r') {
      cr = true;
      return true;
    }
    if (b == '\n') {
      problem = bad("bare LF in the " + where());
    } else if (line > 0 && column == 0 && (b == ' ' || b == '\t')) {
      problem = bad("obs-fold in header \"" + text(lastName, lastNameLength) + "\"");
    } else {
      problem = character(b);
    }
    if (problem != null) {
      return false;
    }
    column++;
    return true;
  }

  HttpRejection problem() {
    return problem;
  }

  void reset() {
    line = 0;
    column = 0;
    spaces = 0;
    afterSpace = 0;
    versionLike = false;
    cr = false;
    inName = true;
    nameLength = 0;
    lastNameLength = 0;
    ended = false;
    problem = null;
  }

  /** What is wrong with byte {@code b} at this point of the head, or {@code null}; notes spaces and names. */
  private HttpRejection character(int b) {
    boolean control = (b < 0x20 && !(b == '\t' && line > 0)) || b == 0x7f;
    if (control) {
      String what = b == 0 ? "NUL byte" : String.format(Locale.ROOT, "control character 0x%02x", b);
      return bad(what + (line == 0 ? " in the request line" : " in header \"" + text(name, nameLength) + "\""));
    }
    if (line == 0 && b == ' ') {
      spaces++;
      afterSpace = 0;
      versionLike = true;
    } else if (line == 0) {
      versionLike &= afterSpace >= VERSION.length() || VERSION.charAt(afterSpace) == b;
      afterSpace++;
    } else if (inName) {
      if (b == ':') {
        inName = false;
      } else if (nameLength < NAME_SHOWN) {
        name[nameLength++] = (byte) b;
      }
    }
    return null;
  }

  /** A CRLF ended a line: checks the request line; {@code ended} when it was the empty line ending the head. */
  private HttpRejection endOfLine() {
    if (line == 0 && column == 0) {
      return null; // an empty line before the request line is ignored (RFC 9112 section 2.2)
    }
    if (line == 0) {
      if (spaces == 1 && !versionLike) {
        return new HttpRejection(HttpResponseStatus.HTTP_VERSION_NOT_SUPPORTED,
            "a request line without a version (HTTP/0.9) is not supported");
      }
      if (spaces != 2) {
        return bad("malformed request line (" + (spaces + 1) + " words, expected method, target and version)");
      }
    } else if (column == 0) {
      ended = true;
      return null;
    } else {
      byte[] previous = lastName;
      lastName = name;
      lastNameLength = nameLength;
      name = previous;
    }
    line++;
    nameLength = 0;
    inName = true;
    return null;
  }

  private String where() {
    return line == 0 ? "request line" : "header section";
  }

  /** Header names are quoted byte for byte, as they came (a name is ASCII when it is valid at all). */
  private static String text(byte[] bytes, int length) {
    return new String(bytes, 0, length, StandardCharsets.ISO_8859_1);
  }

  private static HttpRejection bad(String reason) {
    return new HttpRejection(HttpResponseStatus.BAD_REQUEST, reason);
  }
}
