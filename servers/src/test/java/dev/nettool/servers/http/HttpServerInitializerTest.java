package dev.nettool.servers.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nettool.protocols.event.Event;
import dev.nettool.protocols.event.Verbosity;
import dev.nettool.protocols.testing.NettyLeakCheck;
import dev.nettool.protocols.testing.RecordingEventSink;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** The whole pipeline on an embedded channel: bytes in, bytes out, events, and nothing left over. */
@Timeout(30)
@ExtendWith(NettyLeakCheck.class)
class HttpServerInitializerTest {
  private final RecordingEventSink sink = new RecordingEventSink(Verbosity.NORMAL, false);
  private final CompletableFuture<Void> done = new CompletableFuture<>();
  private EmbeddedChannel ch;

  private void open(UnaryOperator<HttpServerConfig.Builder> tweak) {
    open(sink, tweak);
  }

  private void open(RecordingEventSink sink, UnaryOperator<HttpServerConfig.Builder> tweak) {
    HttpServerConfig config = tweak.apply(HttpServerConfig.builder().routes(HttpTestRoutes.all())).build();
    HttpServerStats stats = new HttpServerStats(config.count(), done, new DefaultChannelGroup(GlobalEventExecutor.INSTANCE));
    ch = new EmbeddedChannel(new HttpServerInitializer(config, sink, stats, HttpServerRoutes.build(config),
        null));
    ch.freezeTime(); // only advanceTimeBy moves the clock, however loaded the machine
  }

  @AfterEach
  void nothingLeftOver() {
    if (ch != null) {
      ch.finishAndReleaseAll();
      assertThat((Object) ch.readOutbound()).isNull();
      assertThat((Object) ch.readInbound()).as("nothing passed the dispatcher").isNull();
    }
  }

  private List<RawHttp.Response> exchange(String request, int responses, boolean head) throws Exception {
    ch.writeInbound(Unpooled.copiedBuffer(request, StandardCharsets.ISO_8859_1));
    ch.runPendingTasks();
    ByteArrayInputStream in = new ByteArrayInputStream(outbound().getBytes(StandardCharsets.ISO_8859_1));
    List<RawHttp.Response> out = new ArrayList<>();
    for (int i = 0; i < responses; i++) {
      out.add(RawHttp.read(in, head));
    }
    assertThat(in.available()).as("no bytes beyond the expected responses").isZero();
    return out;
  }

  private String outbound() {
    StringBuilder sb = new StringBuilder();
    for (ByteBuf b = ch.readOutbound(); b != null; b = ch.readOutbound()) {
      sb.append(b.toString(StandardCharsets.ISO_8859_1));
      b.release();
    }
    return sb.toString();
  }

  @Test
  void aFirstRequestWithoutUpgradeTakesTheH2cUpgradeHandlerOut() throws Exception {
    open(b -> b);
    assertThat(ch.pipeline().get("h2c-upgrade")).as("offered until the first request").isNotNull();

    assertThat(exchange("GET /hello HTTP/1.1\r\nHost: x\r\n\r\n", 1, false)).extracting(RawHttp.Response::status)
        .containsExactly(200);

    assertThat(ch.pipeline().get("h2c-upgrade")).isNull();
    assertThat(ch.pipeline().get("h2c-window")).isNull();
    assertThat(exchange("GET /hello HTTP/1.1\r\nHost: x\r\n\r\n", 1, false)).extracting(RawHttp.Response::status)
        .as("later requests are served as before").containsExactly(200);
  }

  @Test
  void answersPipelinedRequestsInOrderAndPublishesOneEventEach() throws Exception {
    open(b -> b);
    List<RawHttp.Response> r = exchange("GET /hello HTTP/1.1\r\nHost: x\r\n\r\n"
        + "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\nabc"
        + "GET /none HTTP/1.1\r\nHost: x\r\n\r\n", 3, false);
    assertThat(r).extracting(RawHttp.Response::status).containsExactly(200, 200, 404);
    assertThat(r.get(1).body()).isEqualTo("abc");
    List<Event> events = sink.drain();
    assertThat(events).extracting(Event::name).containsExactly("request", "request", "request");
    assertThat(events.get(0).text()).matches("GET /hello 200 6B \\S+ #1");
    assertThat(events.get(1).fields()).containsEntry("bytes", 3L);
  }

  @Test
  void holdsAPipelinedRequestUntilALateAnswerIsOut() throws Exception {
    open(b -> b);
    ch.writeInbound(Unpooled.copiedBuffer("GET /later HTTP/1.1\r\nHost: x\r\n\r\nGET /hello HTTP/1.1\r\nHost: x\r\n\r\n",
        StandardCharsets.ISO_8859_1));
    assertThat(outbound()).as("nothing before the first answer").isEmpty();
    assertThat(ch.config().isAutoRead()).as("reading paused while a request waits").isFalse();
    ch.advanceTimeBy(60, java.util.concurrent.TimeUnit.MILLISECONDS);
    ch.runScheduledPendingTasks();
    ch.runPendingTasks();
    ByteArrayInputStream in = new ByteArrayInputStream(outbound().getBytes(StandardCharsets.ISO_8859_1));
    assertThat(RawHttp.read(in, false).body()).isEqualTo("later\n");
    assertThat(RawHttp.read(in, false).body()).isEqualTo("hello\n");
    assertThat(ch.config().isAutoRead()).isTrue();
  }

  @Test
  void dropsTheBodyOfAHeadAnswerButKeepsItsLength() throws Exception {
    open(b -> b);
    RawHttp.Response r = exchange("HEAD /hello HTTP/1.1\r\nHost: x\r\n\r\n", 1, true).get(0);
    assertThat(r.headers()).containsEntry("content-length", "6");
    assertThat(sink.take("request", Duration.ofSeconds(1)).fields()).containsEntry("bytes", 0L);
  }

  @Test
  void sendsContinueThenTheAnswer() throws Exception {
    open(b -> b);
    List<RawHttp.Response> r = exchange(
        "POST /echo HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 2\r\n\r\nok", 2, false);
    assertThat(r).extracting(RawHttp.Response::status).containsExactly(100, 200);
    assertThat(sink.drain()).as("100 Continue is not an exchange").hasSize(1);
  }

  @Test
  void refusesAnExpectedBodyOverTheLimitAndCloses() throws Exception {
    open(b -> b.maxBody(4));
    RawHttp.Response r = exchange(
        "PUT /count HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 5\r\n\r\n", 1, false).get(0);
    assertThat(r.status()).isEqualTo(413);
    assertThat(ch.isOpen()).isFalse();
  }

  @Test
  void refusesAnUnknownExpectationWith417() throws Exception {
    open(b -> b);
    assertThat(exchange("GET /hello HTTP/1.1\r\nHost: x\r\nExpect: teapot\r\n\r\n", 1, false).get(0).status())
        .isEqualTo(417);
  }

  @Test
  void refusesAStreamedBodyOverTheLimit() throws Exception {
    open(b -> b.maxBody(4));
    RawHttp.Response r = exchange("PUT /count HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
        + "3\r\nabc\r\n3\r\ndef\r\n", 1, false).get(0);
    assertThat(r.status()).isEqualTo(413);
    assertThat(r.headers()).containsEntry("connection", "close");
    assertThat(ch.isOpen()).isFalse();
  }

  @Test
  void countsRequestsTowardsTheGoal() throws Exception {
    open(b -> b.count(2));
    countIsDoneAfterTheSecondAnswer();
  }

  /** With {@code --count 2}: not done after one answer, done after the second. */
  private void countIsDoneAfterTheSecondAnswer() throws Exception {
    exchange("GET /hello HTTP/1.1\r\nHost: x\r\n\r\n", 1, false);
    assertThat(done).isNotDone();
    exchange("GET /hello HTTP/1.1\r\nHost: x\r\n\r\n", 1, false);
    assertThat(done).isDone();
  }

  @Test
  void withNothingShownNoRequestIsObservedAndNoByteCountedYetEveryRequestIsAnswered() throws Exception {
    RecordingEventSink quiet = new RecordingEventSink(Verbosity.QUIET, false);
    open(quiet, b -> b);
    assertThat(ch.pipeline().get("observe")).as("no request events and no --count to feed").isNull();
    assertThat(ch.pipeline().get("report").getClass()).as("no close or summary event to show bytes")
        .isEqualTo(HttpConnectionReporter.class);
    assertThat(exchange("GET /hello HTTP/1.1\r\nHost: x\r\n\r\nGET /none HTTP/1.1\r\nHost: x\r\n\r\n", 2,
        false)).extracting(RawHttp.Response::status).containsExactly(200, 404);
    assertThat(quiet.drain()).isEmpty();
  }

  @Test
  void withNothingShownACountStillCountsAnsweredRequests() throws Exception {
    open(new RecordingEventSink(Verbosity.QUIET, false), b -> b.count(2));
    assertThat(ch.pipeline().get("observe")).isNotNull();
    countIsDoneAfterTheSecondAnswer();
  }

  @Test
  void theCloseEventCountsTheBytesOfBothWays() throws Exception {
    RecordingEventSink verbose = new RecordingEventSink(Verbosity.VERBOSE, false);
    open(verbose, b -> b);
    String request = "GET /hello HTTP/1.1\r\nHost: x\r\n\r\n";
    ch.writeInbound(Unpooled.copiedBuffer(request, StandardCharsets.ISO_8859_1));
    ch.runPendingTasks();
    int sent = outbound().length();
    ch.close();
    Event close = verbose.take("close", Duration.ofSeconds(1));
    assertThat(close.fields()).containsEntry("bytesIn", (long) request.length()).containsEntry("bytesOut", (long) sent);
  }

  @Test
  void closesAfterTheOpenExchangeWhenDraining() throws Exception {
    open(b -> b);
    ch.writeInbound(Unpooled.copiedBuffer("GET /later HTTP/1.1\r\nHost: x\r\n\r\n", StandardCharsets.ISO_8859_1));
    ch.pipeline().fireUserEventTriggered(HttpPipelineGate.DRAIN);
    assertThat(ch.isOpen()).as("the exchange is still open").isTrue();
    ch.advanceTimeBy(60, java.util.concurrent.TimeUnit.MILLISECONDS);
    ch.runScheduledPendingTasks();
    RawHttp.Response r = RawHttp.read(new ByteArrayInputStream(outbound().getBytes(StandardCharsets.ISO_8859_1)), false);
    assertThat(r.headers()).containsEntry("connection", "close");
    assertThat(ch.isOpen()).isFalse();
  }

  @Test
  void closesAnIdleConnectionAtOnceWhenDraining() {
    open(b -> b);
    ch.pipeline().fireUserEventTriggered(HttpPipelineGate.DRAIN);
    assertThat(ch.isOpen()).isFalse();
  }

  @Test
  void answersAFailedDecodeWith400AndCloses() throws Exception {
    open(b -> b);
    RawHttp.Response r = exchange("GET /hello HTTP/1.1\r\nHost: x\r\nBad Header\r\n\r\n", 1, false).get(0);
    assertThat(r.status()).isEqualTo(400);
    assertThat(ch.isOpen()).isFalse();
  }

  @Test
  void aPriorKnowledgeClientGetsHttp2SettingsAndOutlivesTheHttp11HeaderTimeout() {
    open(b -> b.headerTimeout(Duration.ofMillis(50)).keepAliveTimeout(Duration.ofSeconds(5)));
    priorKnowledge();

    ByteBuf settings = ch.readOutbound();
    assertThat(settings.getByte(3)).as("the server's first frame is SETTINGS").isEqualTo((byte) 4);
    settings.release();
    assertThat(ch.pipeline().get("codec")).as("the HTTP/1.1 codec left").isNull();
    ch.advanceTimeBy(1, java.util.concurrent.TimeUnit.SECONDS);
    ch.runScheduledPendingTasks();
    assertThat(ch.isOpen()).as("no HTTP/1.1 timer closed the HTTP/2 connection").isTrue();
  }

  @Test
  void anHttp2ConnectionWithoutStreamsForTheKeepAliveTimeoutGetsAGoawayAndCloses() throws InterruptedException {
    open(b -> b.keepAliveTimeout(Duration.ofSeconds(5)));
    priorKnowledge();
    releaseOutbound();

    ch.advanceTimeBy(4, java.util.concurrent.TimeUnit.SECONDS);
    ch.runScheduledPendingTasks();
    assertThat(ch.isOpen()).as("4 s of 5 idle").isTrue();
    ch.advanceTimeBy(2, java.util.concurrent.TimeUnit.SECONDS);
    ch.runScheduledPendingTasks();

    ByteBuf goaway = ch.readOutbound();
    assertThat(goaway).as("a GOAWAY before the close").isNotNull();
    assertThat(goaway.getByte(3)).as("frame type GOAWAY").isEqualTo((byte) 7);
    goaway.release();
    releaseOutbound();
    assertThat(ch.isOpen()).isFalse();
    assertThat(sink.take("timeout", Duration.ofSeconds(1)).text()).startsWith("timeout #").contains("keep-alive");
  }

  private void priorKnowledge() {
    byte[] emptySettings = {0, 0, 0, 4, 0, 0, 0, 0, 0};
    ch.writeInbound(Unpooled.wrappedBuffer(Unpooled.copiedBuffer("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n",
        StandardCharsets.US_ASCII), Unpooled.wrappedBuffer(emptySettings)));
    ch.runPendingTasks();
  }

  private void releaseOutbound() {
    for (Object o; (o = ch.readOutbound()) != null; ) {
      io.netty.util.ReferenceCountUtil.release(o);
    }
  }
}
