package dev.nettool.servers.http;

import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.ContentLengthNotAllowedException;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.util.ReferenceCountUtil;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Turns what the codec decoded into a verdict: a message the decoder marked as failed (Netty never
 * answers those) becomes 414, 431, 501 or 400 with the decoder's reason; a version other than 1.0 or
 * 1.1 is 505; an HTTP/1.1 request needs exactly one {@code Host}. A rejected message is raised as an
 * {@link HttpRejection} and goes no further.
 */
@Sharable
final class HttpRequestValidator extends ChannelInboundHandlerAdapter {
  static final HttpRequestValidator INSTANCE = new HttpRequestValidator();

  /** Transfer codings this server knows (RFC 9112 section 7); any other is 501. */
  private static final Set<String> KNOWN_CODINGS =
      Set.of("chunked", "gzip", "x-gzip", "deflate", "compress", "x-compress", "identity");

  private HttpRequestValidator() {}

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    HttpRejection rejection = msg instanceof HttpObject o ? verdict(o) : null;
    if (rejection == null) {
      ctx.fireChannelRead(msg);
      return;
    }
    ReferenceCountUtil.release(msg);
    ctx.fireExceptionCaught(rejection);
  }

  private static HttpRejection verdict(HttpObject msg) {
    DecoderResult result = msg.decoderResult();
    if (result.isFailure()) {
      return failure(msg, result.cause());
    }
    if (!(msg instanceof HttpRequest request)) {
      return null;
    }
    HttpVersion v = request.protocolVersion();
    if (v.majorVersion() != 1 || v.minorVersion() > 1) {
      return new HttpRejection(HttpResponseStatus.HTTP_VERSION_NOT_SUPPORTED, v.text() + " is not supported");
    }
    int hosts = request.headers().getAll(HttpHeaderNames.HOST).size();
    if (v.minorVersion() == 1 && hosts == 0) {
      return bad("missing Host header");
    }
    if (hosts > 1) {
      return bad(hosts + " Host headers");
    }
    return null;
  }

  private static HttpRejection failure(HttpObject msg, Throwable cause) {
    if (cause instanceof TooLongHttpLineException) {
      return new HttpRejection(HttpResponseStatus.REQUEST_URI_TOO_LONG, "request line longer than "
          + HttpServerConfig.MAX_REQUEST_LINE + " bytes");
    }
    if (cause instanceof TooLongHttpHeaderException) {
      return new HttpRejection(HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE, "header section larger than "
          + HttpServerConfig.MAX_HEADER_SIZE + " bytes");
    }
    if (cause instanceof ContentLengthNotAllowedException) {
      return bad("Content-Length together with Transfer-Encoding");
    }
    if (msg instanceof HttpRequest request) {
      String unknown = unknownCoding(request.headers().getAll(HttpHeaderNames.TRANSFER_ENCODING));
      if (unknown != null) {
        return new HttpRejection(HttpResponseStatus.NOT_IMPLEMENTED, "unknown transfer coding \"" + unknown + "\"");
      }
      return bad(String.valueOf(cause.getMessage()));
    }
    return bad("malformed body: " + cause.getMessage());
  }

  private static String unknownCoding(List<String> headers) {
    for (String header : headers) {
      for (String coding : header.split(",")) {
        String c = coding.trim().toLowerCase(Locale.ROOT);
        int params = c.indexOf(';');
        c = params < 0 ? c : c.substring(0, params).trim();
        if (!c.isEmpty() && !KNOWN_CODINGS.contains(c)) {
          return c;
        }
      }
    }
    return null;
  }

  private static HttpRejection bad(String reason) {
    return new HttpRejection(HttpResponseStatus.BAD_REQUEST, reason);
  }
}
