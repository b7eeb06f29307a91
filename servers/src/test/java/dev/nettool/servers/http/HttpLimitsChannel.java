package dev.nettool.servers.http;

import dev.nettool.protocols.testing.RecordingEventSink;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The codec with the limits around it and a stand-in route that answers {@code 200 served <target>}
 * once a request is read whole: raw bytes in, raw response bytes out, on virtual time.
 */
final class HttpLimitsChannel {
  final RecordingEventSink sink = new RecordingEventSink();
  final EmbeddedChannel channel;
  final List<String> served = new ArrayList<>();
  final List<Integer> pieces = new ArrayList<>();
  /** What reached the route, message by message: {@code full /x}, {@code head /x}, {@code content}, {@code last}. */
  final List<String> messages = new ArrayList<>();
  /** How often the limits asked for the exchange's own body handlers. */
  int moreBodyHandlerCalls;

  HttpLimitsChannel(HttpServerConfig config) {
    channel = new EmbeddedChannel();
    channel.freezeTime();
    channel.pipeline().addLast("codec", new HttpServerCodec(new HttpDecoderConfig()
        .setMaxInitialLineLength(HttpServerConfig.MAX_REQUEST_LINE)
        .setMaxHeaderSize(HttpServerConfig.MAX_HEADER_SIZE)));
    HttpLimits.install(channel.pipeline(), "codec", config, sink, p -> moreBodyHandlerCalls++);
    channel.pipeline().addLast("route", new Route());
    channel.pipeline().fireChannelActive();
  }

  HttpLimitsChannel() {
    this(HttpServerConfig.builder().maxBody(100).build());
  }

  HttpLimitsChannel send(String raw) {
    return send(raw.getBytes(StandardCharsets.ISO_8859_1));
  }

  HttpLimitsChannel send(byte[] raw) {
    if (channel.isActive()) {
      channel.writeInbound(Unpooled.wrappedBuffer(raw));
    }
    return this;
  }

  void advance(long seconds) {
    channel.advanceTimeBy(seconds, TimeUnit.SECONDS);
    channel.runScheduledPendingTasks();
    channel.runPendingTasks();
  }

  /** Everything written out so far, as text. */
  String output() {
    StringBuilder out = new StringBuilder();
    Object m;
    while ((m = channel.readOutbound()) != null) {
      ByteBuf b = (ByteBuf) m;
      out.append(b.toString(StandardCharsets.ISO_8859_1));
      b.release();
    }
    return out.toString();
  }

  /** Closes and checks that nothing inbound was left over. */
  boolean finish() {
    output();
    return channel.finishAndReleaseAll();
  }

  /** Answers each complete request with {@code served <target>}, keeping the connection as the client asked. */
  private final class Route extends ChannelInboundHandlerAdapter {
    private HttpRequest request;

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      if (msg instanceof HttpRequest r) {
        request = r;
      }
      messages.add(msg instanceof FullHttpRequest r ? "full " + r.uri()
          : msg instanceof HttpRequest r ? "head " + r.uri()
          : msg instanceof LastHttpContent ? "last" : "content");
      if (msg instanceof HttpContent content && content.content().isReadable()) {
        pieces.add(content.content().readableBytes());
      }
      if (msg instanceof LastHttpContent) {
        served.add(request.uri());
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK,
            Unpooled.copiedBuffer("served " + request.uri(), StandardCharsets.UTF_8));
        response.headers().set(HttpHeaderNames.CONTENT_LENGTH, response.content().readableBytes());
        HttpUtil.setKeepAlive(response, HttpUtil.isKeepAlive(request));
        ctx.writeAndFlush(response);
      }
      ReferenceCountUtil.release(msg);
    }
  }
}
