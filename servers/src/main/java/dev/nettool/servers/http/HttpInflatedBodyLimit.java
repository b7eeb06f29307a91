package dev.nettool.servers.http;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import java.nio.ByteBuffer;
import java.util.Locale;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Refuses with 413 a compressed request body ({@code Content-Encoding: gzip} or {@code deflate}) whose
 * inflated size passes the limit. It inflates only to count, into one small scratch array, and stops at
 * the first byte over, so a small bomb never costs memory; the body passes on unchanged.
 */
final class HttpInflatedBodyLimit extends ChannelInboundHandlerAdapter {
  private final long max;
  /** Made with the first compressed body: most connections never send one. */
  private byte[] scratch;
  private HttpGzipHeader gzipHeader;
  private Inflater inflater;
  private long inflated;

  HttpInflatedBodyLimit(long max) {
    this.max = max;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (msg instanceof HttpRequest request) {
      start(request.headers().get(HttpHeaderNames.CONTENT_ENCODING));
    }
    if (inflater != null && msg instanceof HttpContent content) {
      HttpRejection rejection = count(content.content());
      if (msg instanceof LastHttpContent || rejection != null) {
        end();
      }
      if (rejection != null) {
        ReferenceCountUtil.release(msg);
        ctx.fireExceptionCaught(rejection);
        return;
      }
    }
    ctx.fireChannelRead(msg);
  }

  private void start(String encoding) {
    end();
    String e = encoding == null ? "" : encoding.trim().toLowerCase(Locale.ROOT);
    if (e.equals("gzip") || e.equals("x-gzip")) {
      inflater = new Inflater(true);
      gzipHeader = new HttpGzipHeader();
    } else if (e.equals("deflate")) {
      inflater = new Inflater();
    }
    if (inflater != null && scratch == null) {
      scratch = new byte[8192];
    }
    inflated = 0;
  }

  private HttpRejection count(ByteBuf compressed) {
    ByteBuffer in = compressed.nioBuffer();
    if (gzipHeader != null && !gzipHeader.skip(in)) {
      return gzipHeader.failed() ? bad("malformed gzip header") : null;
    }
    inflater.setInput(in);
    try {
      while (!inflater.finished() && !inflater.needsInput()) {
        int n = inflater.inflate(scratch);
        inflated += n;
        if (inflated > max) {
          return new HttpRejection(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE,
              "body inflates past the limit of " + max + " bytes");
        }
        if (n == 0 && inflater.needsDictionary()) {
          return bad("compressed body needs a preset dictionary");
        }
      }
    } catch (DataFormatException ex) {
      return bad("malformed compressed body: " + ex.getMessage());
    }
    return null;
  }

  private static HttpRejection bad(String reason) {
    return new HttpRejection(HttpResponseStatus.BAD_REQUEST, reason);
  }

  private void end() {
    if (inflater != null) {
      inflater.end();
      inflater = null;
      gzipHeader = null;
    }
  }

  @Override
  public void handlerRemoved(ChannelHandlerContext ctx) {
    end();
  }
}
