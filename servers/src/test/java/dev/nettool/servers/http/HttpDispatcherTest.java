package dev.nettool.servers.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nettool.protocols.testing.NettyLeakCheck;
import dev.nettool.protocols.testing.RecordingEventSink;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** The dispatcher alone: bodies whole or streamed, handler failures, the body limit. */
@Timeout(10)
@ExtendWith(NettyLeakCheck.class)
class HttpDispatcherTest {
  private final RecordingEventSink sink = new RecordingEventSink();
  private final List<String> seen = new ArrayList<>();
  private final AtomicReference<Throwable> aborted = new AtomicReference<>();
  private EmbeddedChannel ch;

  private void open(long maxBody, HttpRoute... routes) {
    HttpServerConfig config = HttpServerConfig.builder().maxBody(maxBody).routes(List.of(routes)).build();
    ch = new EmbeddedChannel(new HttpDispatcher(new HttpRouter(HttpServerRoutes.build(config), null), config, sink));
  }

  @AfterEach
  void nothingLeftOver() {
    assertThat(ch.finishAndReleaseAll()).as("no message left in the channel").isFalse();
  }

  private static DefaultHttpContent chunk(String s) {
    return new DefaultHttpContent(Unpooled.copiedBuffer(s, StandardCharsets.UTF_8));
  }

  private FullHttpResponse response() {
    return ch.readOutbound();
  }

  @Test
  void givesAHandlerTheWholeBodyAndReleasesItAfterwards() {
    open(100, HttpRoute.of(HttpMethod.POST, "/p", x -> {
      seen.add(x.bodyText());
      x.respondEmpty(HttpResponseStatus.NO_CONTENT);
    }));
    ch.writeInbound(new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, "/p"), chunk("ab"),
        new DefaultLastHttpContent(Unpooled.copiedBuffer("cd", StandardCharsets.UTF_8)));
    assertThat(seen).containsExactly("abcd");
    FullHttpResponse r = response();
    assertThat(r.status()).isEqualTo(HttpResponseStatus.NO_CONTENT);
    r.release();
  }

  @Test
  void streamsChunksIntoTheSinkThenEndsIt() {
    open(100, HttpRoute.streaming(HttpMethod.PUT, "/s", x -> new HttpBodySink() {
      @Override
      public void content(ByteBuf c) {
        seen.add(c.toString(StandardCharsets.UTF_8));
      }

      @Override
      public void end() {
        seen.add("end");
        x.respondEmpty(HttpResponseStatus.CREATED);
      }

      @Override
      public void abort(Throwable cause) {
        aborted.set(cause);
      }
    }));
    ch.writeInbound(new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.PUT, "/s"), chunk("a"), chunk("b"),
        new DefaultLastHttpContent());
    assertThat(seen).containsExactly("a", "b", "", "end");
    response().release();
    assertThat(aborted.get()).isNull();
  }

  @Test
  void abortsTheSinkWhenTheConnectionCloses() {
    open(100, HttpRoute.streaming(HttpMethod.PUT, "/s", x -> new HttpBodySink() {
      @Override
      public void content(ByteBuf c) {}

      @Override
      public void end() {}

      @Override
      public void abort(Throwable cause) {
        aborted.set(cause);
      }
    }));
    ch.writeInbound(new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.PUT, "/s"), chunk("a"));
    ch.close();
    assertThat(aborted.get()).isInstanceOf(java.nio.channels.ClosedChannelException.class);
  }

  @Test
  void answers500AndReportsWhenAHandlerThrows() throws Exception {
    open(100, HttpRoute.of(HttpMethod.GET, "/t", x -> {
      throw new IllegalStateException("broken");
    }));
    ch.writeInbound(new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/t"), new DefaultLastHttpContent());
    FullHttpResponse r = response();
    assertThat(r.status()).isEqualTo(HttpResponseStatus.INTERNAL_SERVER_ERROR);
    assertThat(r.content().toString(StandardCharsets.UTF_8)).contains("\"error\" : \"handler failed\"");
    r.release();
    assertThat(sink.take("error", Duration.ofSeconds(1)).text()).isEqualTo("error #0 handler GET /t: broken");
    assertThat(ch.isOpen()).as("the server goes on").isTrue();
  }
}
