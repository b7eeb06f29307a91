package dev.nettool.clients.http;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.codec.http2.Http2Settings;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.handler.codec.http2.Http2StreamChannelBootstrap;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.Future;

/**
 * The HTTP/2 connection of a client: Netty's frame codec (server push off) and stream multiplexer on the
 * connection, each request on a stream of its own opened by {@link #open}.
 */
final class HttpClientHttp2 {
  /** How a response that came over HTTP/2 reports its version. */
  static final HttpVersion VERSION = new HttpVersion("HTTP", 2, 0, true);

  private HttpClientHttp2() {}

  /** Adds the frame codec and the multiplexer before the handler named {@code before}. */
  static void install(ChannelPipeline p, String before) {
    p.addBefore(before, "h2", Http2FrameCodecBuilder.forClient().initialSettings(settings()).build());
    p.addBefore(before, "h2-streams", new Http2MultiplexHandler(new RefusePushed()));
  }

  /** Adds the frame codec and the multiplexer at the end of {@code p}. */
  static void install(ChannelPipeline p) {
    p.addLast("h2", Http2FrameCodecBuilder.forClient().initialSettings(settings()).build());
    p.addLast("h2-streams", new Http2MultiplexHandler(new RefusePushed()));
  }

  private static Http2Settings settings() {
    return Http2Settings.defaultSettings().pushEnabled(false);
  }

  /** Opens a stream on {@code connection}, assembled by {@code initializer}. */
  static Future<Http2StreamChannel> open(Channel connection, ChannelHandler initializer) {
    return new Http2StreamChannelBootstrap(connection).handler(initializer).open();
  }

  /** A stream the server opens (push is off, so only a misbehaving server does): dropped. */
  private static final class RefusePushed extends ChannelInboundHandlerAdapter {
    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
      ctx.close();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      ReferenceCountUtil.release(msg);
    }

    @Override
    public boolean isSharable() {
      return true;
    }
  }
}
