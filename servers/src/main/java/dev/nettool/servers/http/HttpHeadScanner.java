package dev.nettool.servers.http;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandler;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import java.util.Locale;

/**
 * Reads the raw bytes of each request head before the codec does and rejects what Netty's decoder
 * accepts or quietly repairs: obs-fold (it joins the lines), bare CR and bare LF, control characters
 * and NUL in the request line or a header, and a request line that is not three words (HTTP/0.9 has
 * two: 505). Body bytes pass unread: the {@link #framing()} handler, placed after the codec, says how
 * many follow. Once the connection was rejected every byte is dropped.
 */
final class HttpHeadScanner extends ChannelInboundHandlerAdapter {
  /** The user event fired when the first byte of a request head arrives. */
  static final Object HEAD_STARTED = new Object() {
    @Override
    public String toString() {
      return "HttpHeadScanner.HEAD_STARTED";
    }
  };

  private static final int NAME_SHOWN = 64;
  private static final String VERSION = "HTTP/";
  private static final int REJECTED = -2;

  private enum State { HEAD, FRAMING, BODY_LENGTH, BODY_UNTIL_END, DROP }

  private State state = State.HEAD;
  private long bodyLeft;
  private boolean started;
  private int line;
  private int column;
  private int spaces;
  private int afterSpace;
  private boolean versionLike;
  private boolean cr;
  private boolean inName = true;
  private final StringBuilder name = new StringBuilder();
  private String lastName = "";

  /** The companion placed after the codec: tells this scanner where each request's body ends. */
  ChannelInboundHandler framing() {
    return new ChannelInboundHandlerAdapter() {
      @Override
      public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof HttpRequest request && request.decoderResult().isSuccess()) {
          bodyFollows(HttpUtil.isTransferEncodingChunked(request) ? -1 : HttpUtil.getContentLength(request, 0L));
        }
        if (msg instanceof LastHttpContent) {
          requestEnded();
        }
        ctx.fireChannelRead(msg);
      }
    };
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (!(msg instanceof ByteBuf in)) {
      ctx.fireChannelRead(msg);
      return;
    }
    try {
      while (in.isReadable()) {
        if (HttpRejecter.rejected(ctx.channel())) {
          state = State.DROP;
        }
        switch (state) {
          case HEAD -> scanHead(ctx, in);
          case BODY_LENGTH -> {
            int n = (int) Math.min(bodyLeft, in.readableBytes());
            bodyLeft -= n;
            if (bodyLeft == 0) {
              newHead();
            }
            forward(ctx, in, n);
          }
          case FRAMING, BODY_UNTIL_END -> {
            // Slices end at a line end, where a chunked body can end, so the next head is scanned too.
            int lf = in.indexOf(in.readerIndex(), in.writerIndex(), (byte) '\n');
            state = State.BODY_UNTIL_END;
            forward(ctx, in, lf < 0 ? in.readableBytes() : lf + 1 - in.readerIndex());
          }
          default -> in.skipBytes(in.readableBytes());
        }
      }
    } finally {
      in.release();
    }
  }

  private void scanHead(ChannelHandlerContext ctx, ByteBuf in) {
    int end = scan(ctx, in);
    if (end == REJECTED) {
      state = State.DROP;
      return;
    }
    if (end < 0) {
      forward(ctx, in, in.readableBytes());
      return;
    }
    state = State.FRAMING;
    forward(ctx, in, end - in.readerIndex());
  }

  /** Checks bytes up to the head's end; returns the index after it, -1 if not there yet, or {@link #REJECTED}. */
  private int scan(ChannelHandlerContext ctx, ByteBuf in) {
    for (int i = in.readerIndex(); i < in.writerIndex(); i++) {
      int b = in.getByte(i) & 0xff;
      if (!started) {
        started = true;
        ctx.fireUserEventTriggered(HEAD_STARTED);
      }
      HttpRejection problem;
      if (cr) {
        cr = false;
        if (b != '\n') {
          problem = bad("bare CR in the " + where());
        } else {
          problem = endOfLine();
          if (problem == null && column < 0) {
            return i + 1;
          }
          if (problem == null) {
            column = 0;
            continue;
          }
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
        ctx.fireExceptionCaught(problem);
        return REJECTED;
      }
      column++;
    }
    return -1;
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
    } else if (line > 0 && inName) {
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

  private void forward(ChannelHandlerContext ctx, ByteBuf in, int n) {
    ctx.fireChannelRead(in.retainedSlice(in.readerIndex(), n));
    in.skipBytes(n);
  }

  private void bodyFollows(long length) {
    if (state != State.FRAMING) {
      return;
    }
    if (length < 0) {
      state = State.BODY_UNTIL_END;
    } else if (length > 0) {
      state = State.BODY_LENGTH;
      bodyLeft = length;
    }
  }

  private void requestEnded() {
    if (state == State.FRAMING || state == State.BODY_UNTIL_END) {
      newHead();
    }
  }

  private void newHead() {
    state = State.HEAD;
    started = false;
    line = 0;
    column = 0;
    spaces = 0;
    afterSpace = 0;
    versionLike = false;
    cr = false;
    inName = true;
    name.setLength(0);
    lastName = "";
  }
}
