package dev.nettool.servers.http;

import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http2.Http2StreamFrame;
import io.netty.handler.codec.http2.Http2StreamFrameToHttpObjectCodec;
import io.netty.handler.codec.http2.HttpConversionUtil;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * Netty's converter between an HTTP/2 stream's frames and HTTP/1.1 messages, one instance for every lane,
 * with two additions on the way in:
 * <ul>
 *   <li>it removes the {@code x-http2-*} headers the conversion adds to a request (stream id, scheme...): the
 *       client never sent them, and an echo over h2 must show what an echo over HTTP/1.1 shows;
 *   <li>it gives the stream its body handlers (the body limits, the request inflater) only when the request
 *       has a body, or says it has one. A request that came as a single HEADERS frame (most GETs) arrives
 *       as one {@link FullHttpRequest} with no body, and its stream lane goes on without them, as an HTTP/1.1
 *       connection does until its first request with a body; once added they stay for the lane's later
 *       streams.
 * </ul>
 */
@Sharable
final class Http2StreamConverter extends Http2StreamFrameToHttpObjectCodec {
  /** Once: {@code values()} makes a new array on every call, and this runs for every request. */
  private static final CharSequence[] EXTENSION_HEADERS = Arrays.stream(
      HttpConversionUtil.ExtensionHeaderNames.values()).map(HttpConversionUtil.ExtensionHeaderNames::text)
      .toArray(CharSequence[]::new);

  private final Consumer<ChannelPipeline> exchangeHandlers;
  private final Consumer<ChannelPipeline> bodyHandlers;

  /**
   * @param exchangeHandlers adds the handlers behind the converter to a new stream's pipeline
   * @param bodyHandlers adds the body handlers to a stream's pipeline; called at most once per lane
   */
  Http2StreamConverter(Consumer<ChannelPipeline> exchangeHandlers, Consumer<ChannelPipeline> bodyHandlers) {
    super(true);
    this.exchangeHandlers = exchangeHandlers;
    this.bodyHandlers = bodyHandlers;
  }

  /**
   * {@link Http2Lanes} put this one handler into each new lane's pipeline; the rest follow it here, without a
   * {@code ChannelInitializer} that would be added and removed again.
   */
  @Override
  public void handlerAdded(ChannelHandlerContext ctx) throws Exception {
    super.handlerAdded(ctx);
    exchangeHandlers.accept(ctx.pipeline());
  }

  @Override
  protected void decode(ChannelHandlerContext ctx, Http2StreamFrame frame, List<Object> out) throws Exception {
    int first = out.size();
    super.decode(ctx, frame, out);
    for (int i = first; i < out.size(); i++) {
      if (out.get(i) instanceof HttpRequest request) {
        HttpHeaders headers = request.headers();
        for (CharSequence name : EXTENSION_HEADERS) {
          headers.remove(name);
        }
        if (mayHaveBody(request)) {
          bodyHandlers.accept(ctx.pipeline());
        }
      }
    }
  }

  /** Anything but a full request that declares no body: body frames follow, or the headers speak of one. */
  private static boolean mayHaveBody(HttpRequest request) {
    HttpHeaders headers = request.headers();
    return !(request instanceof FullHttpRequest full && !full.content().isReadable())
        || headers.contains(HttpHeaderNames.CONTENT_LENGTH)
        || headers.contains(HttpHeaderNames.CONTENT_ENCODING)
        || headers.contains(HttpHeaderNames.TRANSFER_ENCODING);
  }
}
