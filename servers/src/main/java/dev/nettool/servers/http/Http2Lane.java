package dev.nettool.servers.http;

import io.netty.channel.Channel;
import io.netty.channel.ChannelConfig;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelId;
import io.netty.channel.ChannelMetadata;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.ChannelPromise;
import io.netty.channel.DefaultChannelConfig;
import io.netty.channel.DefaultChannelId;
import io.netty.channel.DefaultChannelPipeline;
import io.netty.channel.EventLoop;
import io.netty.channel.RecvByteBufAllocator;
import io.netty.channel.VoidChannelPromise;
import io.netty.handler.codec.http2.DefaultHttp2ResetFrame;
import io.netty.handler.codec.http2.DefaultHttp2WindowUpdateFrame;
import io.netty.handler.codec.http2.Http2CodecUtil;
import io.netty.handler.codec.http2.Http2DataFrame;
import io.netty.handler.codec.http2.Http2Error;
import io.netty.handler.codec.http2.Http2Exception;
import io.netty.handler.codec.http2.Http2Frame;
import io.netty.handler.codec.http2.Http2FrameStream;
import io.netty.handler.codec.http2.Http2FrameStreamException;
import io.netty.handler.codec.http2.Http2HeadersFrame;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.handler.codec.http2.Http2StreamFrame;
import io.netty.handler.codec.http2.Http2WindowUpdateFrame;
import io.netty.util.DefaultAttributeMap;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;
import java.net.SocketAddress;
import java.nio.channels.ClosedChannelException;
import java.util.ArrayDeque;

/**
 * An HTTP/2 stream as a channel with its own pipeline, like the one Netty's multiplexer makes for every
 * stream, with one difference: when its stream ends cleanly (both sides sent END_STREAM, nothing reset, nothing
 * left unread) the lane goes back to its {@link Http2Lanes} and carries the connection's next stream, pipeline
 * and handlers as they are. The handlers already serve one exchange after another on an HTTP/1.1 connection;
 * here they do the same, one stream after another, and a stream costs no channel, pipeline or handler of its
 * own. Everything else is as on Netty's stream channels: frames go in as {@link Http2StreamFrame}s, read only
 * while the pipeline asks to read (auto-read or {@code read()}), with the flow-control window given back as
 * they are read; frames written go to the connection's frame codec with the stream set; a lane turns
 * unwritable while more than the high water mark of its writes wait to go out; closing a lane whose stream is
 * still open resets the stream (CANCEL) and the lane is not used again.
 *
 * <p>Every method runs on the connection's event loop: the pipeline hands calls from elsewhere over to it.
 */
final class Http2Lane extends DefaultAttributeMap implements Http2StreamChannel {
  private static final ChannelMetadata METADATA = new ChannelMetadata(false, 16);
  /** What a frame other than DATA counts for against the write buffer, as on Netty's stream channels. */
  private static final int MIN_FRAME_SIZE = 9;
  /** Frames one read passes on before it ends with a read-complete, as a socket read would. */
  private static final int FRAMES_PER_READ = 16;

  private final Http2Lanes lanes;
  private final ChannelHandlerContext connection;
  private final ChannelId id = DefaultChannelId.newInstance();
  private final ChannelConfig config = new DefaultChannelConfig(this);
  /** Before the pipeline: its head takes the unsafe as it is made. */
  private final LaneUnsafe unsafe = new LaneUnsafe();
  private final LanePipeline pipeline = new LanePipeline(this);
  private final ChannelPromise closed = pipeline.newPromise();

  /** The stream the lane carries; {@code null} while it waits for the next one. */
  private Http2FrameStream stream;
  private boolean receivedEnd;
  private boolean sentEnd;
  /** The stream was closed by the codec (both ends done or reset): nothing more may be written for it. */
  private boolean streamClosed;
  /** DATA bytes read but not yet given back to the peer's send window. */
  private int unreturned;

  private ArrayDeque<Http2Frame> queued;
  /** A read is asked for: frames go into the pipeline as they come, until the read completes. */
  private boolean reading;
  private boolean draining;
  /** Frames went into the pipeline during the connection's read: a read-complete is owed at its end. */
  private boolean readCompleteOwed;
  private boolean wroteSinceFlush;

  private boolean registered;
  private boolean closing;
  private long pendingBytes;
  private volatile boolean unwritable;

  Http2Lane(Http2Lanes lanes, ChannelHandlerContext connection, ChannelHandler streamHandler) {
    this.lanes = lanes;
    this.connection = connection;
    pipeline.addLast(streamHandler);
  }

  /** Starts carrying {@code next}: a new lane before it is registered, an idle one when it is reused. */
  void carry(Http2FrameStream next) {
    stream = next;
    receivedEnd = false;
    sentEnd = false;
    streamClosed = false;
    unreturned = 0;
  }

  /** Registers a new lane on the connection's loop: its pipeline sees registered and active once, now. */
  void open() {
    connection.channel().eventLoop().register(this).addListener(f -> {
      if (!f.isSuccess()) {
        unsafe.closeForcibly();
      }
    });
  }

  /** A frame of the lane's stream from the connection; it goes in now if a read is on, else it waits. */
  void frameRead(Http2Frame frame) {
    if (!isOpen()) {
      ReferenceCountUtil.release(frame);
    } else if (reading && !draining && (queued == null || queued.isEmpty())) {
      deliver(frame);
      if (!readCompleteOwed) {
        readCompleteOwed = true;
        lanes.owesReadComplete(this);
      }
    } else {
      if (queued == null) {
        queued = new ArrayDeque<>(4);
      }
      queued.add(frame);
    }
  }

  /** The connection's read is over: the frames that went in get their read-complete. */
  void readComplete() {
    if (readCompleteOwed) {
      readCompleteOwed = false;
      reading = false;
      pipeline.fireChannelReadComplete();
      unsafe.flush();
    }
  }

  /**
   * The codec closed the stream. A lane whose exchange ended cleanly is free for the next stream; one that was
   * reset, still has frames to read, or had reading turned off (a refused request) closes, as the stream
   * channel it stands for would.
   */
  void streamClosed() {
    streamClosed = true;
    if (isOpen() && receivedEnd && sentEnd && config.isAutoRead() && (queued == null || queued.isEmpty())) {
      Http2FrameStream done = stream;
      stream = null;
      lanes.free(this, done);
    } else {
      unsafe.closeForcibly();
    }
  }

  void closeWithError(Http2Error error) {
    unsafe.close(unsafe.voidPromise(), error);
  }

  /** The connection turned writable: so does the lane, unless its own writes are still above the low mark. */
  void connectionWritable() {
    if (unwritable && pendingBytes < config.getWriteBufferLowWaterMark()) {
      writable(true);
    }
  }

  private void deliver(Http2Frame frame) {
    if (frame instanceof Http2DataFrame data) {
      unreturned += data.initialFlowControlledBytes();
    }
    receivedEnd |= isEndOfStream(frame);
    pipeline.fireChannelRead(frame);
  }

  /** Reads what waits, a batch at a time, each batch ending with a read-complete, while reads are asked for. */
  private void drain() {
    draining = true;
    try {
      while (reading && queued != null && !queued.isEmpty()) {
        for (int n = 0; n < FRAMES_PER_READ && !queued.isEmpty(); n++) {
          deliver(queued.poll());
        }
        reading = false;
        pipeline.fireChannelReadComplete();
        unsafe.flush();
      }
    } finally {
      draining = false;
    }
  }

  private void returnWindow() {
    if (unreturned != 0 && stream != null && !streamClosed && !connection.isRemoved()) {
      int bytes = unreturned;
      unreturned = 0;
      ChannelFuture f = connection.write(new DefaultHttp2WindowUpdateFrame(bytes).stream(stream));
      wroteSinceFlush = true;
      if (f.isDone()) {
        windowReturned(f);
      } else {
        f.addListener(this::windowReturned);
      }
    }
  }

  private void windowReturned(io.netty.util.concurrent.Future<?> f) {
    if (!f.isSuccess()) {
      Throwable cause = f.cause();
      pipeline.fireExceptionCaught(cause instanceof Http2FrameStreamException && cause.getCause() != null
          ? cause.getCause() : cause);
      unsafe.closeForcibly();
    }
  }

  private static boolean isEndOfStream(Http2Frame frame) {
    return frame instanceof Http2HeadersFrame h
        ? h.isEndStream()
        : frame instanceof Http2DataFrame d && d.isEndStream();
  }

  private void morePending(long bytes) {
    pendingBytes += bytes;
    if (!unwritable && pendingBytes > config.getWriteBufferHighWaterMark()) {
      writable(false);
    }
  }

  private void lessPending(long bytes) {
    pendingBytes -= bytes;
    if (unwritable && pendingBytes < config.getWriteBufferLowWaterMark() && connection.channel().isWritable()) {
      writable(true);
    }
  }

  private void writable(boolean now) {
    unwritable = !now;
    pipeline.fireChannelWritabilityChanged();
  }

  @Override
  public Http2FrameStream stream() {
    return stream;
  }

  @Override
  public ChannelId id() {
    return id;
  }

  @Override
  public EventLoop eventLoop() {
    return connection.channel().eventLoop();
  }

  @Override
  public Channel parent() {
    return connection.channel();
  }

  @Override
  public ChannelConfig config() {
    return config;
  }

  @Override
  public boolean isOpen() {
    return !closed.isDone();
  }

  @Override
  public boolean isRegistered() {
    return registered;
  }

  @Override
  public boolean isActive() {
    return isOpen();
  }

  @Override
  public ChannelMetadata metadata() {
    return METADATA;
  }

  @Override
  public SocketAddress localAddress() {
    return parent().localAddress();
  }

  @Override
  public SocketAddress remoteAddress() {
    return parent().remoteAddress();
  }

  @Override
  public ChannelFuture closeFuture() {
    return closed;
  }

  @Override
  public boolean isWritable() {
    return !unwritable;
  }

  @Override
  public long bytesBeforeUnwritable() {
    long bytes = config.getWriteBufferHighWaterMark() - pendingBytes + 1;
    return bytes > 0 && isWritable() ? bytes : 0;
  }

  @Override
  public long bytesBeforeWritable() {
    long bytes = pendingBytes - config.getWriteBufferLowWaterMark() + 1;
    return bytes > 0 && !isWritable() ? bytes : 0;
  }

  @Override
  public Unsafe unsafe() {
    return unsafe;
  }

  @Override
  public ChannelPipeline pipeline() {
    return pipeline;
  }

  @Override
  public int compareTo(Channel o) {
    return this == o ? 0 : id.compareTo(o.id());
  }

  @Override
  public int hashCode() {
    return id.hashCode();
  }

  @Override
  public boolean equals(Object o) {
    return this == o;
  }

  @Override
  public String toString() {
    return parent() + "/" + id.asShortText() + " (H2 - " + stream + ')';
  }

  /** A stream error no handler took ends the stream with its own error code, as on Netty's stream channels. */
  private static final class LanePipeline extends DefaultChannelPipeline {
    private final Http2Lane lane;

    LanePipeline(Http2Lane lane) {
      super(lane);
      this.lane = lane;
    }

    @Override
    protected void onUnhandledInboundException(Throwable cause) {
      if (cause instanceof Http2FrameStreamException e) {
        lane.closeWithError(e.error());
        return;
      }
      Http2Exception h2 = Http2CodecUtil.getEmbeddedHttp2Exception(cause);
      if (h2 != null) {
        lane.closeWithError(h2.error());
        return;
      }
      super.onUnhandledInboundException(cause);
    }
  }

  private final class LaneUnsafe implements Unsafe {
    private final VoidChannelPromise voidPromise = new VoidChannelPromise(Http2Lane.this, false);
    private RecvByteBufAllocator.Handle recvHandle;

    @Override
    public RecvByteBufAllocator.Handle recvBufAllocHandle() {
      if (recvHandle == null) {
        recvHandle = config.getRecvByteBufAllocator().newHandle();
        recvHandle.reset(config);
      }
      return recvHandle;
    }

    @Override
    public SocketAddress localAddress() {
      return Http2Lane.this.localAddress();
    }

    @Override
    public SocketAddress remoteAddress() {
      return Http2Lane.this.remoteAddress();
    }

    @Override
    public void register(EventLoop loop, ChannelPromise promise) {
      if (!promise.setUncancellable()) {
        return;
      }
      if (registered) {
        promise.setFailure(new UnsupportedOperationException("a lane is registered once"));
        return;
      }
      registered = true;
      promise.setSuccess();
      pipeline.fireChannelRegistered();
      if (isActive()) {
        pipeline.fireChannelActive();
      }
    }

    @Override
    public void bind(SocketAddress local, ChannelPromise promise) {
      unsupported(promise);
    }

    @Override
    public void connect(SocketAddress remote, SocketAddress local, ChannelPromise promise) {
      unsupported(promise);
    }

    private void unsupported(ChannelPromise promise) {
      if (promise.setUncancellable()) {
        promise.setFailure(new UnsupportedOperationException());
      }
    }

    @Override
    public void disconnect(ChannelPromise promise) {
      close(promise);
    }

    @Override
    public void close(ChannelPromise promise) {
      close(promise, null);
    }

    void close(ChannelPromise promise, Http2Error error) {
      if (!promise.setUncancellable()) {
        return;
      }
      if (closing) {
        if (closed.isDone()) {
          promise.setSuccess();
        } else if (!(promise instanceof VoidChannelPromise)) {
          closed.addListener(f -> promise.setSuccess());
        }
        return;
      }
      closing = true;
      readCompleteOwed = false;
      boolean open = stream != null && !streamClosed;
      if (open && connection.channel().isActive() && (error != null || !(receivedEnd && sentEnd))) {
        connection.write(new DefaultHttp2ResetFrame(error == null ? Http2Error.CANCEL : error).stream(stream),
            connection.voidPromise());
        wroteSinceFlush = true;
        flush();
      }
      if (queued != null) {
        for (Http2Frame f; (f = queued.poll()) != null; ) {
          ReferenceCountUtil.release(f);
        }
      }
      lanes.closed(Http2Lane.this, stream);
      closed.setSuccess();
      promise.setSuccess();
      if (registered) {
        // Later, as on any channel: whoever closed the lane may still be on the stack.
        eventLoop().execute(() -> {
          pipeline.fireChannelInactive();
          registered = false;
          pipeline.fireChannelUnregistered();
        });
      }
    }

    @Override
    public void closeForcibly() {
      close(voidPromise);
    }

    @Override
    public void deregister(ChannelPromise promise) {
      close(promise);
    }

    @Override
    public void beginRead() {
      if (!isOpen()) {
        return;
      }
      returnWindow();
      reading = true;
      if (!draining && queued != null && !queued.isEmpty()) {
        drain();
      }
      flush();
    }

    @Override
    public void write(Object msg, ChannelPromise promise) {
      if (!promise.setUncancellable()) {
        ReferenceCountUtil.release(msg);
        return;
      }
      if (!isOpen() || stream == null || streamClosed) {
        ReferenceCountUtil.release(msg);
        promise.setFailure(new ClosedChannelException());
        return;
      }
      if (!(msg instanceof Http2StreamFrame frame) || msg instanceof Http2WindowUpdateFrame
          || (frame.stream() != null && frame.stream() != stream)) {
        ReferenceCountUtil.release(msg);
        promise.setFailure(new IllegalArgumentException("a stream lane writes its own stream's frames, not " + msg));
        return;
      }
      frame.stream(stream);
      sentEnd |= isEndOfStream(frame);
      ChannelFuture f = connection.write(frame);
      wroteSinceFlush = true;
      if (f.isDone()) {
        written(f, promise);
      } else {
        long bytes = frame instanceof Http2DataFrame d
            ? Math.min(Integer.MAX_VALUE, d.initialFlowControlledBytes() + (long) MIN_FRAME_SIZE)
            : MIN_FRAME_SIZE;
        morePending(bytes);
        f.addListener(done -> {
          written(done, promise);
          lessPending(bytes);
        });
      }
    }

    private void written(io.netty.util.concurrent.Future<?> f, ChannelPromise promise) {
      Throwable cause = f.cause();
      if (cause == null) {
        promise.setSuccess();
        return;
      }
      if (cause instanceof Http2Exception e && e.error() == Http2Error.STREAM_CLOSED) {
        cause = new ClosedChannelException().initCause(cause);
      }
      if (cause instanceof IOException) {
        closeForcibly();
      }
      promise.setFailure(cause);
    }

    @Override
    public void flush() {
      if (wroteSinceFlush && !lanes.connectionReading()) {
        wroteSinceFlush = false;
        connection.flush();
      } else if (wroteSinceFlush) {
        // The connection flushes once at the end of its read, for every lane that wrote meanwhile.
        wroteSinceFlush = false;
        lanes.flushAfterRead();
      }
    }

    @Override
    public ChannelPromise voidPromise() {
      return voidPromise;
    }

    @Override
    public ChannelOutboundBuffer outboundBuffer() {
      return null;
    }
  }
}
