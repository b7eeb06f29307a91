package dev.nettool.servers.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Splits a {@code multipart/form-data} body (RFC 7578) into parts as it streams in, without holding a
 * part: a part's bytes are handed on as soon as they cannot be the start of the next delimiter. What it
 * keeps is bounded by the chunk it was given plus {@link #MAX_HEADER_BYTES}. Runs on the event loop.
 */
final class HttpMultipartParser {
  /** Largest header section of one part. */
  static final int MAX_HEADER_BYTES = 16 << 10;

  /** Where the parts go. */
  interface Listener {
    /** A part begins; header names are lower case. */
    void partStart(Map<String, String> headers);

    /** Some of the part's bytes, valid only during the call. */
    void partData(ByteBuf data);

    void partEnd();
  }

  /** The body does not follow the multipart format. */
  static final class MalformedException extends Exception {
    private static final long serialVersionUID = 1L;

    MalformedException(String message) {
      super(message);
    }
  }

  private enum State { PREAMBLE, AFTER_DELIMITER, HEADERS, BODY, EPILOGUE }

  private static final ByteBuf HEADERS_END = Unpooled.unreleasableBuffer(
      Unpooled.wrappedBuffer("\r\n\r\n".getBytes(StandardCharsets.US_ASCII)));

  private final ByteBuf delimiter;
  private final Listener listener;
  private final ByteBuf pending = Unpooled.buffer();
  private State state = State.PREAMBLE;

  HttpMultipartParser(String boundary, Listener listener) {
    this.delimiter = Unpooled.wrappedBuffer(("\r\n--" + boundary).getBytes(StandardCharsets.US_ASCII));
    this.listener = listener;
    // The first delimiter has no line break before it; this one makes it look like the others.
    pending.writeBytes(new byte[] {'\r', '\n'});
  }

  /** The boundary of a {@code multipart/form-data} content type, or null when it is not one or has none. */
  static String boundary(String contentType) {
    if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("multipart/form-data")) {
      return null;
    }
    String b = parameters(contentType).get("boundary");
    return b == null || b.isEmpty() || b.length() > 70 ? null : b;
  }

  /** Feeds the next chunk of the body. */
  void feed(ByteBuf chunk) throws MalformedException {
    pending.writeBytes(chunk, chunk.readerIndex(), chunk.readableBytes());
    while (step()) {
      // each step consumes something or waits for more
    }
    pending.discardReadBytes();
  }

  /** Whether the closing delimiter has been seen. */
  boolean complete() {
    return state == State.EPILOGUE;
  }

  /** How many bytes the parser holds between chunks (for tests of its memory bound). */
  int buffered() {
    return pending.readableBytes();
  }

  void release() {
    pending.release();
    delimiter.release();
  }

  // One state's work on what is pending; false when it needs more bytes.
  private boolean step() throws MalformedException {
    return switch (state) {
      case PREAMBLE -> toDelimiter(false);
      case AFTER_DELIMITER -> afterDelimiter();
      case HEADERS -> headers();
      case BODY -> toDelimiter(true);
      case EPILOGUE -> {
        pending.skipBytes(pending.readableBytes());
        yield false;
      }
    };
  }

  // Passes on (in a part) or drops (before the first) what precedes the next delimiter.
  private boolean toDelimiter(boolean inPart) {
    int at = ByteBufUtil.indexOf(delimiter, pending);
    // Without a delimiter, the last bytes may still be its beginning: keep them for the next chunk.
    int end = at >= 0 ? at : Math.max(pending.readerIndex(), pending.writerIndex() - delimiter.readableBytes() + 1);
    if (inPart && end > pending.readerIndex()) {
      listener.partData(pending.slice(pending.readerIndex(), end - pending.readerIndex()));
    }
    pending.readerIndex(end);
    if (at < 0) {
      return false;
    }
    pending.skipBytes(delimiter.readableBytes());
    if (inPart) {
      listener.partEnd();
    }
    state = State.AFTER_DELIMITER;
    return true;
  }

  private boolean afterDelimiter() throws MalformedException {
    if (pending.readableBytes() < 2) {
      return false;
    }
    String next = pending.readCharSequence(2, StandardCharsets.US_ASCII).toString();
    if (next.equals("--")) {
      state = State.EPILOGUE;
    } else if (next.equals("\r\n")) {
      state = State.HEADERS;
    } else {
      throw new MalformedException("a multipart boundary is followed by '" + next + "'");
    }
    return true;
  }

  private boolean headers() throws MalformedException {
    // A part without headers: its header section is just the blank line.
    if (pending.readableBytes() >= 2 && pending.getByte(pending.readerIndex()) == '\r'
        && pending.getByte(pending.readerIndex() + 1) == '\n') {
      pending.skipBytes(2);
      return startPart(Map.of());
    }
    int at = ByteBufUtil.indexOf(HEADERS_END, pending);
    if (at < 0) {
      if (pending.readableBytes() > MAX_HEADER_BYTES) {
        throw new MalformedException("a part's headers are over " + MAX_HEADER_BYTES + " bytes");
      }
      return false;
    }
    String text = pending.readCharSequence(at - pending.readerIndex(), StandardCharsets.UTF_8).toString();
    pending.skipBytes(4);
    Map<String, String> headers = new LinkedHashMap<>();
    for (String line : text.split("\r\n")) {
      int colon = line.indexOf(':');
      if (colon <= 0) {
        throw new MalformedException("a part has a header line without a name: " + line);
      }
      headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
    }
    return startPart(headers);
  }

  private boolean startPart(Map<String, String> headers) {
    listener.partStart(headers);
    state = State.BODY;
    return true;
  }

  /**
   * The {@code ;}-separated parameters of a header value ({@code form-data; name="a"; filename="b"}),
   * names lower case, quoted strings unquoted.
   */
  static Map<String, String> parameters(String value) {
    Map<String, String> params = new LinkedHashMap<>();
    int i = value.indexOf(';');
    while (i >= 0 && i < value.length()) {
      int eq = value.indexOf('=', i);
      if (eq < 0) {
        break;
      }
      String name = value.substring(i + 1, eq).trim().toLowerCase(Locale.ROOT);
      StringBuilder v = new StringBuilder();
      int j = eq + 1;
      while (j < value.length() && value.charAt(j) == ' ') {
        j++;
      }
      if (j < value.length() && value.charAt(j) == '"') {
        for (j++; j < value.length() && value.charAt(j) != '"'; j++) {
          // A backslash quotes the next character (RFC 9110 quoted-pair).
          if (value.charAt(j) == '\\' && j + 1 < value.length()) {
            j++;
          }
          v.append(value.charAt(j));
        }
        j = value.indexOf(';', j);
      } else {
        int semi = value.indexOf(';', j);
        v.append(value, j, semi < 0 ? value.length() : semi);
        j = semi;
      }
      params.putIfAbsent(name, v.toString().trim());
      i = j;
    }
    return params;
  }
}
