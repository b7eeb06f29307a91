package dev.nettool.servers.http;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http2.Http2CodecUtil;
import io.netty.handler.codec.http2.Http2Frame;
import io.netty.handler.codec.http2.Http2FrameStream;
import io.netty.handler.codec.http2.Http2FrameStreamEvent;
import io.netty.handler.codec.http2.Http2FrameStreamException;
import io.netty.handler.codec.http2.Http2PriorityFrame;
import io.netty.handler.codec.http2.Http2ResetFrame;
import io.netty.handler.codec.http2.Http2StreamFrame;
import io.netty.handler.codec.http2.Http2WindowUpdateFrame;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.collection.IntObjectHashMap;
import io.netty.util.collection.IntObjectMap;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLException;

/**
 * Gives each HTTP/2 stream of a connection a {@link Http2Lane} of its own, behind the frame codec, where Netty's
 * {@code Http2MultiplexHandler} would make a new stream channel for every one. A lane whose stream ended
 * cleanly waits here for the connection's next stream, so that a connection serving many requests makes only
 * as many pipelines as it ever had streams open at once (up to {@link #MAX_IDLE} are kept). The rest is what
 * the multiplexer does: stream frames go to their lane, a stream reset reaches it as a user event, a stream
 * error closes it with its code, the lanes' read-completes wait for the end of the connection's read and are
 * followed by one flush, and the connection's other frames pass on. The connection's own events (a half-close,
 * a TLS close_notify) stay on the connection: no exchange handler reads them.
 */
final class Http2Lanes extends ChannelDuplexHandler {
  /** Idle lanes kept per connection: a browser or load tool seldom has more streams open at once. */
  static final int MAX_IDLE = 16;

  private final ChannelHandler streamHandler;
  private final IntObjectMap<Http2Lane> byStream = new IntObjectHashMap<>();
  private final ArrayDeque<Http2Lane> idle = new ArrayDeque<>();
  private final List<Http2Lane> owingReadComplete = new ArrayList<>();
  private ChannelHandlerContext ctx;
  private boolean reading;
  private boolean flushAfterRead;

  /** @param streamHandler the handler every new lane's pipeline starts with; it must be {@code @Sharable} */
  Http2Lanes(ChannelHandler streamHandler) {
    this.streamHandler = streamHandler;
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public void handlerRemoved(ChannelHandlerContext ctx) {
    closeAll();
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    reading = true;
    if (!(msg instanceof Http2StreamFrame frame)) {
      ctx.fireChannelRead(msg);
      return;
    }
    Http2Lane lane = frame.stream() == null ? null : byStream.get(frame.stream().id());
    if (lane == null || msg instanceof Http2WindowUpdateFrame) {
      // The codec handles send windows itself; a frame of a stream whose lane has gone has no reader left.
      ReferenceCountUtil.release(msg);
    } else if (msg instanceof Http2ResetFrame || msg instanceof Http2PriorityFrame) {
      // Not flow-controlled, so not held back while the lane is not reading: the codec closes the stream next.
      lane.pipeline().fireUserEventTriggered(msg);
    } else {
      lane.frameRead((Http2Frame) msg);
    }
  }

  @Override
  public void channelReadComplete(ChannelHandlerContext ctx) {
    try {
      for (int i = 0; i < owingReadComplete.size(); i++) {
        owingReadComplete.get(i).readComplete();
      }
    } finally {
      owingReadComplete.clear();
      reading = false;
      if (flushAfterRead) {
        flushAfterRead = false;
        ctx.flush();
      }
    }
    ctx.fireChannelReadComplete();
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
    if (evt instanceof Http2FrameStreamEvent event) {
      if (event.type() == Http2FrameStreamEvent.Type.State) {
        stateChanged(event.stream());
      }
      return;
    }
    ctx.fireUserEventTriggered(evt);
  }

  private void stateChanged(Http2FrameStream stream) {
    switch (stream.state()) {
      case HALF_CLOSED_LOCAL:
        if (stream.id() != Http2CodecUtil.HTTP_UPGRADE_STREAM_ID) {
          break;
        }
        // fall through: a stream the server opens is only ever the one an h2c upgrade request became
      case OPEN:
      case HALF_CLOSED_REMOTE:
        if (!byStream.containsKey(stream.id())) {
          assign(stream);
        }
        break;
      case CLOSED:
        Http2Lane lane = byStream.get(stream.id());
        if (lane != null) {
          lane.streamClosed();
        }
        break;
      default:
        break;
    }
  }

  private void assign(Http2FrameStream stream) {
    Http2Lane lane = idle.poll();
    if (lane != null) {
      lane.carry(stream);
      byStream.put(stream.id(), lane);
      return;
    }
    lane = new Http2Lane(this, ctx, streamHandler);
    lane.carry(stream);
    byStream.put(stream.id(), lane);
    lane.open();
  }

  @Override
  public void channelWritabilityChanged(ChannelHandlerContext ctx) {
    if (ctx.channel().isWritable()) {
      for (Http2Lane lane : List.copyOf(byStream.values())) {
        lane.connectionWritable();
      }
    }
    ctx.fireChannelWritabilityChanged();
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    if (cause instanceof Http2FrameStreamException e) {
      Http2Lane lane = byStream.get(e.stream().id());
      if (lane != null) {
        try {
          lane.pipeline().fireExceptionCaught(e.getCause());
        } finally {
          lane.closeWithError(e.error());
        }
        return;
      }
    }
    if (cause.getCause() instanceof SSLException) {
      for (Http2Lane lane : List.copyOf(byStream.values())) {
        lane.pipeline().fireExceptionCaught(cause);
      }
    }
    ctx.fireExceptionCaught(cause);
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    // The codec has closed the open streams (and with them their lanes) by now; the idle ones go too.
    closeAll();
    ctx.fireChannelInactive();
  }

  private void closeAll() {
    for (Http2Lane lane : List.copyOf(byStream.values())) {
      lane.unsafe().closeForcibly();
    }
    for (Http2Lane lane; (lane = idle.poll()) != null; ) {
      lane.unsafe().closeForcibly();
    }
  }

  /** Whether the connection is inside a read: lanes then leave the flush to its end. */
  boolean connectionReading() {
    return reading;
  }

  void flushAfterRead() {
    flushAfterRead = true;
  }

  void owesReadComplete(Http2Lane lane) {
    owingReadComplete.add(lane);
  }

  /** {@code lane} carried {@code stream} to a clean end: it waits for the next stream, or closes if enough wait. */
  void free(Http2Lane lane, Http2FrameStream stream) {
    byStream.remove(stream.id());
    if (idle.size() < MAX_IDLE && ctx.channel().isActive()) {
      idle.push(lane);
    } else {
      lane.unsafe().closeForcibly();
    }
  }

  /** {@code lane} closed while carrying {@code stream} (or none): it is forgotten. */
  void closed(Http2Lane lane, Http2FrameStream stream) {
    if (stream != null) {
      byStream.remove(stream.id(), lane);
    } else {
      idle.remove(lane);
    }
  }
}
