package dev.nettool.servers.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nettool.protocols.event.Event;
import dev.nettool.protocols.testing.NettyLeakCheck;
import dev.nettool.protocols.testing.RecordingEventSink;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** The observer and the gate alone: one event per exchange, interim answers skipped, held requests released. */
@Timeout(10)
@ExtendWith(NettyLeakCheck.class)
class HttpExchangeObserverTest {
  private final RecordingEventSink sink = new RecordingEventSink();
  private final CompletableFuture<Void> done = new CompletableFuture<>();
  private final EmbeddedChannel ch = new EmbeddedChannel(new HttpExchangeObserver(
      new HttpServerStats(1, done, new DefaultChannelGroup(GlobalEventExecutor.INSTANCE)), sink));

  @AfterEach
  void nothingLeftOver() {
    for (Object m = ch.readOutbound(); m != null; m = ch.readOutbound()) {
      ReferenceCountUtil.release(m);
    }
    for (Object m = ch.readInbound(); m != null; m = ch.readInbound()) {
      ReferenceCountUtil.release(m);
    }
    assertThat(ch.finishAndReleaseAll()).isFalse();
  }

  @Test
  void publishesOneEventWhenTheLastPieceIsWrittenAndSkipsInterimAnswers() {
    ch.writeInbound(new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, "/up?x=1"));
    ch.writeOutbound(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.CONTINUE));
    ch.writeOutbound(new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.CREATED));
    ch.writeOutbound(new DefaultHttpContent(Unpooled.wrappedBuffer(new byte[5])));
    assertThat(sink.drain()).as("nothing before the last piece").isEmpty();
    assertThat(done).isNotDone();
    ch.writeOutbound(LastHttpContent.EMPTY_LAST_CONTENT);
    List<Event> events = sink.drain();
    assertThat(events).hasSize(1);
    assertThat(events.get(0).fields()).containsEntry("method", "POST").containsEntry("path", "/up?x=1")
        .containsEntry("status", 201).containsEntry("bytes", 5L);
    assertThat(done).as("--count 1 reached").isDone();
  }

  @Test
  void showsAnAnswerWithoutARequestAsDashes() {
    ch.writeOutbound(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.REQUEST_TIMEOUT));
    assertThat(sink.drain()).singleElement().extracting(Event::text).asString().startsWith("- - 408 0B ");
  }

  @Test
  void theGateReleasesWhatItHeldWhenTheConnectionCloses() {
    EmbeddedChannel gated = new EmbeddedChannel(new HttpPipelineGate());
    gated.writeInbound(new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/a"),
        LastHttpContent.EMPTY_LAST_CONTENT,
        new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, "/b"),
        new DefaultHttpContent(Unpooled.copiedBuffer(new byte[3])));
    assertThat(gated.inboundMessages()).as("only the first request passed").hasSize(2);
    assertThat(gated.config().isAutoRead()).isFalse();
    gated.close();
    assertThat(gated.finishAndReleaseAll()).isTrue();
  }
}
