package dev.nettool.clients.http;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http2.Http2DataFrame;
import io.netty.handler.codec.http2.Http2HeadersFrame;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.util.ReferenceCountUtil;

/**
 * Counts the response on one HTTP/2 load stream from its frames (the status of the final headers, the body
 * bytes) and tells the connection's {@link HttpLoadH2Handler} when it has ended or was cut short. Frames are
 * only counted, never turned into HTTP objects: that would cost rate for nothing.
 */
final class HttpLoadStreamHandler extends ChannelInboundHandlerAdapter {
  private final HttpLoadH2Handler connection;
  private final HttpLoadStats stats;
  private int status;
  private boolean ended;

  HttpLoadStreamHandler(HttpLoadH2Handler connection, HttpLoadStats stats) {
    this.connection = connection;
    this.stats = stats;
  }

  @Override
  public boolean isSharable() {
    return false;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    try {
      if (msg instanceof Http2HeadersFrame headers && headers.headers().status() != null) {
        int code = HttpResponseStatus.parseLine(headers.headers().status()).code();
        if (code / 100 != 1 || headers.isEndStream()) {
          status = code; // a 1xx head is followed by the real one
        }
        if (headers.isEndStream()) {
          end(ctx);
        }
      } else if (msg instanceof Http2HeadersFrame trailers && trailers.isEndStream()) {
        end(ctx);
      } else if (msg instanceof Http2DataFrame data) {
        stats.bodyBytes += data.content().readableBytes();
        if (data.isEndStream()) {
          end(ctx);
        }
      }
    } finally {
      ReferenceCountUtil.release(msg);
    }
  }

  private void end(ChannelHandlerContext ctx) {
    ended = true;
    connection.ended((Http2StreamChannel) ctx.channel(), status);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    ctx.close(); // a reset or a stream error: counted when the stream is seen closed
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    if (!ended) {
      connection.closedEarly((Http2StreamChannel) ctx.channel());
    }
    ctx.fireChannelInactive();
  }
}
