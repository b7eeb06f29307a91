package dev.nettool.servers.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http2.DefaultHttp2DataFrame;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.DefaultHttp2HeadersFrame;
import io.netty.handler.codec.http2.DefaultHttp2ResetFrame;
import io.netty.handler.codec.http2.DefaultHttp2WindowUpdateFrame;
import io.netty.handler.codec.http2.Http2ChannelDuplexHandler;
import io.netty.handler.codec.http2.Http2DataFrame;
import io.netty.handler.codec.http2.Http2Error;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2FrameStream;
import io.netty.handler.codec.http2.Http2HeadersFrame;
import io.netty.handler.codec.http2.Http2ResetFrame;
import io.netty.handler.codec.http2.Http2Settings;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.handler.codec.http2.Http2StreamFrame;
import io.netty.handler.codec.http2.Http2WindowUpdateFrame;
import io.netty.util.ReferenceCountUtil;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The lanes behind a real server frame codec, fed by a real client frame codec over two embedded channels: what
 * the stream handlers see, and what the client gets back.
 */
class Http2LanesTest {
  private final Streams streams = new Streams();
  private final ClientFrames client = new ClientFrames();
  private EmbeddedChannel clientChannel;
  private EmbeddedChannel serverChannel;

  /** Stream handler: records every lane, message and close; answers as the test says. */
  @Sharable
  private static final class Streams extends ChannelInboundHandlerAdapter {
    final Set<Channel> lanes = new LinkedHashSet<>();
    final List<Channel> inactive = new ArrayList<>();
    final List<Object> read = new ArrayList<>();
    final List<Object> events = new ArrayList<>();
    final List<Boolean> writability = new ArrayList<>();
    BiConsumer<ChannelHandlerContext, Object> onRead = Streams::answerAtEnd;

    static void answerAtEnd(ChannelHandlerContext ctx, Object msg) {
      if (msg instanceof Http2HeadersFrame h && h.isEndStream()
          || msg instanceof Http2DataFrame d && d.isEndStream()) {
        ctx.writeAndFlush(new DefaultHttp2HeadersFrame(new DefaultHttp2Headers().status("200"), true));
      }
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
      lanes.add(ctx.channel());
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      read.add(msg instanceof Http2DataFrame d ? d.content().readableBytes() : msg);
      try {
        onRead.accept(ctx, msg);
      } finally {
        ReferenceCountUtil.release(msg);
      }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
      events.add(evt);
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
      writability.add(ctx.channel().isWritable());
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
      inactive.add(ctx.channel());
    }
  }

  /** Client side: opens streams and keeps the stream frames the server sent. */
  private static final class ClientFrames extends Http2ChannelDuplexHandler {
    final List<Http2StreamFrame> received = new ArrayList<>();
    final Map<Integer, Integer> dataBytes = new HashMap<>();
    /** Whether DATA read is given back to the server's send window at once. */
    boolean returnWindow;

    Http2FrameStream open() {
      return newStream();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      if (msg instanceof Http2DataFrame d) {
        dataBytes.merge(d.stream().id(), d.content().readableBytes(), Integer::sum);
        if (returnWindow) {
          ctx.writeAndFlush(new DefaultHttp2WindowUpdateFrame(d.initialFlowControlledBytes()).stream(d.stream()));
        }
      } else if (msg instanceof Http2StreamFrame frame) {
        received.add(frame);
      }
      ReferenceCountUtil.release(msg);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
      // stream state events of the client's own codec
    }
  }

  private void connect(int clientWindow) {
    clientChannel = new EmbeddedChannel(Http2FrameCodecBuilder.forClient()
        .initialSettings(Http2Settings.defaultSettings().initialWindowSize(clientWindow)).build(), client);
    serverChannel = new EmbeddedChannel(Http2FrameCodecBuilder.forServer().build(), new Http2Lanes(streams));
    pump();
  }

  /** Moves bytes both ways until neither side has anything left to send. */
  private void pump() {
    boolean moved = true;
    while (moved) {
      moved = false;
      for (ByteBuf b; (b = clientChannel.readOutbound()) != null; moved = true) {
        serverChannel.writeInbound(b);
      }
      serverChannel.runPendingTasks();
      for (ByteBuf b; (b = serverChannel.readOutbound()) != null; moved = true) {
        clientChannel.writeInbound(b);
      }
      clientChannel.runPendingTasks();
    }
  }

  private Http2FrameStream get() {
    Http2FrameStream s = client.open();
    clientChannel.writeAndFlush(new DefaultHttp2HeadersFrame(headers("GET"), true).stream(s));
    pump();
    return s;
  }

  /** Opens a POST stream whose body is still to come. */
  private Http2FrameStream post() {
    Http2FrameStream s = client.open();
    clientChannel.writeAndFlush(new DefaultHttp2HeadersFrame(headers("POST"), false).stream(s));
    pump();
    return s;
  }

  private static DefaultHttp2Headers headers(String method) {
    DefaultHttp2Headers h = new DefaultHttp2Headers();
    h.method(method).path("/").scheme("https").authority("localhost");
    return h;
  }

  private <T> List<T> received(Class<T> type, Http2FrameStream s) {
    return client.received.stream().filter(type::isInstance).filter(f -> f.stream().id() == s.id())
        .map(type::cast).toList();
  }

  @AfterEach
  void close() {
    if (serverChannel != null) {
      serverChannel.finishAndReleaseAll();
      clientChannel.finishAndReleaseAll();
    }
  }

  @Test
  void carriesTheNextStreamOnTheLaneOfOneThatEndedCleanly() {
    connect(65535);
    Http2FrameStream first = get();
    Http2FrameStream second = get();
    Http2FrameStream third = get();
    for (Http2FrameStream s : List.of(first, second, third)) {
      assertThat(received(Http2HeadersFrame.class, s)).singleElement()
          .satisfies(h -> assertThat(h.headers().status().toString()).isEqualTo("200"));
    }
    assertThat(streams.lanes).as("one lane carried all three streams").hasSize(1);
    assertThat(streams.inactive).isEmpty();
    assertThat(streams.lanes.iterator().next()).isInstanceOf(Http2StreamChannel.class)
        .satisfies(lane -> assertThat(lane.parent()).isSameAs(serverChannel));

    serverChannel.close();
    serverChannel.runPendingTasks();
    assertThat(streams.inactive).as("the idle lane closes with its connection").hasSize(1);
  }

  @Test
  void aStreamResetByThePeerClosesItsLaneAndTheNextStreamGetsANewOne() {
    connect(65535);
    streams.onRead = (ctx, msg) -> { };
    Http2FrameStream s = post();
    clientChannel.writeAndFlush(new DefaultHttp2ResetFrame(Http2Error.CANCEL).stream(s));
    pump();
    assertThat(streams.events).singleElement().isInstanceOf(Http2ResetFrame.class);
    assertThat(streams.inactive).hasSize(1);

    streams.onRead = Streams::answerAtEnd;
    get();
    assertThat(streams.lanes).as("a reset lane is not used again").hasSize(2);
  }

  @Test
  void holdsFramesAndTheirWindowWhileTheLaneDoesNotRead() {
    connect(65535);
    List<Channel> paused = new ArrayList<>();
    streams.onRead = (ctx, msg) -> {
      if (msg instanceof Http2HeadersFrame) {
        ctx.channel().config().setAutoRead(false);
        paused.add(ctx.channel());
      }
      Streams.answerAtEnd(ctx, msg);
    };
    Http2FrameStream s = post();
    // The data comes in a read of its own: frames that arrive in the read that turned reading off still go in.
    clientChannel.writeAndFlush(new DefaultHttp2DataFrame(Unpooled.wrappedBuffer(new byte[48_000]), true).stream(s));
    pump();
    assertThat(streams.read).as("the data waits").hasSize(1);
    assertThat(received(Http2WindowUpdateFrame.class, s)).as("and so does its window").isEmpty();

    paused.get(0).read();
    pump();
    assertThat(streams.read.subList(1, streams.read.size())).as("three frames of at most 16 KiB")
        .containsExactly(16_384, 16_384, 48_000 - 2 * 16_384);
    assertThat(received(Http2HeadersFrame.class, s)).hasSize(1);
    assertThat(streams.inactive).as("reading stayed off: the lane is not used again").hasSize(1);
  }

  @Test
  void givesTheWindowBackAsTheDataIsRead() {
    connect(65535);
    streams.onRead = (ctx, msg) -> { };
    Http2FrameStream s = post();
    // More than half the window: the codec sends an update only once that much has been given back.
    clientChannel.writeAndFlush(new DefaultHttp2DataFrame(Unpooled.wrappedBuffer(new byte[48_000]), false).stream(s));
    pump();
    // Each frame comes in a read of its own; after the second, half the window (32 KiB) is back.
    assertThat(received(Http2WindowUpdateFrame.class, s)).singleElement()
        .satisfies(w -> assertThat(w.windowSizeIncrement()).isEqualTo(2 * 16_384));
  }

  @Test
  void closingALaneWhoseStreamIsOpenResetsItWithCancel() {
    connect(65535);
    streams.onRead = (ctx, msg) -> ctx.close();
    Http2FrameStream s = post();
    assertThat(received(Http2ResetFrame.class, s)).singleElement()
        .satisfies(r -> assertThat(r.errorCode()).isEqualTo(Http2Error.CANCEL.code()));
    assertThat(streams.inactive).hasSize(1);
  }

  @Test
  void keepsAtMostMaxIdleLanesOfAConnection() {
    connect(65535);
    List<ChannelHandlerContext> held = new ArrayList<>();
    streams.onRead = (ctx, msg) -> held.add(ctx);
    int open = Http2Lanes.MAX_IDLE + 4;
    for (int i = 0; i < open; i++) {
      get();
    }
    assertThat(streams.lanes).hasSize(open);
    for (ChannelHandlerContext ctx : held) {
      ctx.writeAndFlush(new DefaultHttp2HeadersFrame(new DefaultHttp2Headers().status("200"), true));
    }
    pump();
    assertThat(streams.inactive).hasSize(4);

    streams.onRead = Streams::answerAtEnd;
    for (int i = 0; i < Http2Lanes.MAX_IDLE; i++) {
      get();
    }
    assertThat(streams.lanes).as("the kept lanes carry the next streams").hasSize(open);
  }

  @Test
  void turnsUnwritableWhileItsWritesWaitForThePeersWindow() {
    connect(1024);
    List<Boolean> afterWrite = new ArrayList<>();
    streams.onRead = (ctx, msg) -> {
      ctx.write(new DefaultHttp2HeadersFrame(new DefaultHttp2Headers().status("200"), false));
      ctx.writeAndFlush(new DefaultHttp2DataFrame(Unpooled.wrappedBuffer(new byte[100_000]), true));
      afterWrite.add(ctx.channel().isWritable());
    };
    Http2FrameStream s = get();
    assertThat(afterWrite).containsExactly(false);
    assertThat(client.dataBytes.get(s.id())).as("only what the window allows").isEqualTo(1024);

    client.returnWindow = true;
    clientChannel.writeAndFlush(new DefaultHttp2WindowUpdateFrame(1024).stream(s));
    pump();
    assertThat(client.dataBytes.get(s.id())).isEqualTo(100_000);
    assertThat(streams.writability).containsExactly(false, true);
    assertThat(streams.inactive).as("the lane waits for the next stream").isEmpty();
  }
}
