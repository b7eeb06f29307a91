package dev.nettool.servers.http;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.Locale;

/**
 * The byte rules of one request head that Netty's decoder does not enforce: CRLF line ends only (no
 * bare CR or LF), no obs-fold, no control characters or NUL, and a request line of exactly three
 * words (two is HTTP/0.9: 505). Fed the head as it arrives; {@link #reset()} starts the next one.
 */
final class HttpHeadRules {
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
  private final StringBuilder name = new StringBuilder();
  private String lastName = "";
  private HttpRejection problem;

  /**
   * Checks {@code in} from its reader index on; returns the index after the head's end, {@link #MORE}
   * or {@link #VIOLATION}.
   */
  int scan(ByteBuf in) {
    for (int i = in.readerIndex(); i < in.writerIndex(); i++) {
      int b = in.getByte(i) & 0xff;
      if (cr) {
        cr = false;
        problem = b == '\n' ? endOfLine() : bad("bare CR in the " + where());
        if (problem == null && column < 0) {
          return i + 1;
        }
        if (problem == null) {
          column = 0;
          continue;
        }
      } else if (b == '\r') {
        cr = true;
        continue;
      } else if (b == '\n') {
        problem = bad("bare LF in the " + where());
      } else if (line > 0 && column == 0 && (b == ' ' || b == '\t')) {
        problem = bad("obs-fold in header \"" + lastName + "\"");
      } else {
        problem = character(b);
      }
      if (problem != null) {
        return VIOLATION;
      }
      column++;
    }
    return MORE;
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
    name.setLength(0);
    lastName = "";
    problem = null;
  }

  /** What is wrong with byte {@code b} at this point of the head, or {@code null}; notes spaces and names. */
  private HttpRejection character(int b) {
    boolean control = (b < 0x20 && !(b == '\t' && line > 0)) || b == 0x7f;
    if (control) {
      String what = b == 0 ? "NUL byte" : String.format(Locale.ROOT, "control character 0x%02x", b);
      return bad(what + (line == 0 ? " in the request line" : " in header \"" + name + "\""));
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
      } else if (name.length() < NAME_SHOWN) {
        name.append((char) b);
      }
    }
    return null;
  }

  /** A CRLF ended a line: checks the request line; column becomes -1 when the head is complete. */
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
      column = -1;
      return null;
    } else {
      lastName = name.toString();
    }
    line++;
    name.setLength(0);
    inName = true;
    return null;
  }

  private String where() {
    return line == 0 ? "request line" : "header section";
  }

  private static HttpRejection bad(String reason) {
    return new HttpRejection(HttpResponseStatus.BAD_REQUEST, reason);
  }
}
