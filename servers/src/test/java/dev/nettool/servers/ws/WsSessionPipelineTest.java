package dev.nettool.servers.ws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nettool.protocols.address.Endpoint;
import dev.nettool.protocols.event.Event;
import dev.nettool.protocols.event.Verbosity;
import dev.nettool.protocols.server.Connections;
import dev.nettool.protocols.testing.RecordingEventSink;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The whole server pipeline on an embedded channel, bytes in and bytes out: handshake, session, close codes. */
@Timeout(10)
class WsSessionPipelineTest {
  private static final Duration WAIT = Duration.ofSeconds(1);

  private final RecordingEventSink sink = new RecordingEventSink(Verbosity.VERBOSE, false);
  private final AtomicLong sessionsEnded = new AtomicLong();
  private EmbeddedChannel ch;

  private EmbeddedChannel server(String extraHeaders) {
    WsServerConfig config = WsServerConfig.defaults().withMaxFrame(1024).withMaxMessage(4096);
    WsSession session = new WsSession(config.session(), sink, new Endpoint.Inet("127.0.0.1", 80),
        (in, out) -> sessionsEnded.incrementAndGet());
    ch = new EmbeddedChannel();
    ch.attr(Connections.ID).set(1L);
    ch.pipeline().addLast("http", new HttpServerCodec()).addLast("http-aggregate", new HttpObjectAggregator(16384))
        .addLast(new WsUpgradeHandler("/echo", List.of("chat", "superchat"), WsServerInitializer.decoderConfig(config),
            session, sink));
    ch.writeInbound(ascii(WsWire.upgrade("/echo", extraHeaders)));
    return ch;
  }

  @AfterEach
  void finish() {
    if (ch != null) {
      ch.finishAndReleaseAll();
    }
  }

  private static ByteBuf ascii(String s) {
    return Unpooled.copiedBuffer(s, StandardCharsets.US_ASCII);
  }

  @Test
  void upgradesChoosingTheClientsFirstOfferedSubprotocolAndReportsPathAndOrigin() throws Exception {
    server("Sec-WebSocket-Protocol: other, superchat, chat\r\nOrigin: http://lab.test\r\n");

    String head = WsWire.head(WsWire.written(ch));
    assertThat(head).startsWith("HTTP/1.1 101 Switching Protocols")
        .contains("sec-websocket-accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=")
        .contains("sec-websocket-protocol: superchat");
    assertThat(sink.take("connection", WAIT).text())
        .isEqualTo("connection #1 from 127.0.0.1:80 path=/echo subprotocol=superchat origin=http://lab.test");
  }

  @Test
  void answersAnotherPathWith404AndCountsNoSession() throws Exception {
    ch = new EmbeddedChannel();
    WsServerConfig config = WsServerConfig.defaults();
    WsSession session = new WsSession(config.session(), sink, new Endpoint.Inet("127.0.0.1", 80), (in, out) -> {});
    ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(16384),
        new WsUpgradeHandler("/echo", List.of(), WsServerInitializer.decoderConfig(config), session, sink));
    ch.writeInbound(ascii(WsWire.upgrade("/nope", "")));

    assertThat(WsWire.head(WsWire.written(ch))).startsWith("HTTP/1.1 404 Not Found").contains("connection: close");
    assertThat(ch.isOpen()).isFalse();
    assertThat(sink.take("reject", WAIT).text()).isEqualTo("reject #0 404 GET /nope: no WebSocket at this path");
  }

  @Test
  void reassemblesAFragmentedMessageAroundAnInterleavedPingAndAnswersThePingFirst() throws Exception {
    server("");
    WsWire.head(WsWire.written(ch));

    ch.writeInbound(WsWire.frame(1, bytes("Hel"), false, 0, true));
    ch.writeInbound(WsWire.frame(9, bytes("mid"), true, 0, true));
    ch.writeInbound(WsWire.frame(0, bytes("lo"), true, 0, true));

    List<WsWire.Frame> frames = WsWire.frames(WsWire.written(ch));
    assertThat(frames).extracting(WsWire.Frame::opcode).containsExactly(10, 1);
    assertThat(frames.get(0).text()).isEqualTo("mid");
    assertThat(frames.get(1).text()).isEqualTo("Hello");
    assertThat(frames.get(1).fin()).isTrue();
    sink.take("ping", WAIT);
    assertThat(sink.take("message", WAIT).text()).isEqualTo("message #1 text 5 bytes: \"Hello\"");
  }

  @Test
  void answersThePeersCloseWithItsCodeThenClosesAndReportsIt() throws Exception {
    server("");
    WsWire.head(WsWire.written(ch));

    ch.writeInbound(WsWire.close(4000));

    List<WsWire.Frame> frames = WsWire.frames(WsWire.written(ch));
    assertThat(frames).hasSize(1);
    assertThat(frames.get(0).closeCode()).isEqualTo(4000);
    assertThat(ch.isOpen()).isFalse();
    assertThat(sink.take("close", WAIT).text()).startsWith("close #1 code=4000 reason=\"bye\" by=peer in=0 out=0 ");
    assertThat(sessionsEnded).hasValue(1);
  }

  static Stream<Arguments> violations() {
    byte[] badUtf8 = {(byte) 0xce, (byte) 0xba, (byte) 0xed, (byte) 0xa0, (byte) 0x80};
    byte[] kilobyte = new byte[1000];
    return Stream.of(
        Arguments.of("invalid UTF-8", List.of(WsWire.frame(1, badUtf8, true, 0, true)), 1007),
        Arguments.of("UTF-8 cut across fragments", List.of(
            WsWire.frame(1, new byte[] {'c', 'a', 'f', (byte) 0xc3}, false, 0, true),
            WsWire.frame(0, new byte[] {0x28}, true, 0, true)), 1007),
        Arguments.of("reserved bits", List.of(WsWire.frame(1, bytes("x"), true, 2, true)), 1002),
        Arguments.of("reserved opcode", List.of(WsWire.frame(3, new byte[0], true, 0, true)), 1002),
        Arguments.of("unmasked frame", List.of(WsWire.frame(1, bytes("x"), true, 0, false)), 1002),
        Arguments.of("ping of 126 bytes", List.of(WsWire.frame(9, new byte[126], true, 0, true)), 1002),
        Arguments.of("fragmented ping", List.of(WsWire.frame(9, bytes("p"), false, 0, true)), 1002),
        Arguments.of("frame over --max-frame", List.of(WsWire.frame(2, new byte[2000], true, 0, true)), 1009),
        Arguments.of("message over --max-message", List.of(WsWire.frame(2, kilobyte, false, 0, true),
            WsWire.frame(0, kilobyte, false, 0, true), WsWire.frame(0, kilobyte, false, 0, true),
            WsWire.frame(0, kilobyte, false, 0, true), WsWire.frame(0, kilobyte, true, 0, true)), 1009),
        Arguments.of("close code 1005", List.of(WsWire.close(1005)), 1002),
        Arguments.of("close code 1006", List.of(WsWire.close(1006)), 1002),
        Arguments.of("close code 999", List.of(WsWire.close(999)), 1002),
        Arguments.of("close code 5000", List.of(WsWire.close(5000)), 1002),
        Arguments.of("close reason not UTF-8", List.of(WsWire.frame(8, new byte[] {0x03, (byte) 0xe8, (byte) 0xff},
            true, 0, true)), 1007),
        Arguments.of("continuation without a start", List.of(WsWire.frame(0, bytes("x"), true, 0, true)), 1002));
  }

  @ParameterizedTest(name = "{0} closes with {2}")
  @MethodSource("violations")
  void answersAViolationWithItsCloseCodeAndNothingAfterIt(String what, List<ByteBuf> frames, int code)
      throws Exception {
    server("");
    WsWire.head(WsWire.written(ch));

    // One read: a frame that arrives with the violation must not be echoed after the Close.
    List<ByteBuf> burst = new java.util.ArrayList<>(frames);
    burst.add(WsWire.text("after the violation", true));
    ch.writeInbound(Unpooled.wrappedBuffer(burst.toArray(ByteBuf[]::new)));

    List<WsWire.Frame> answer = WsWire.frames(WsWire.written(ch));
    assertThat(answer).as("%s: %s", what, answer).hasSize(1);
    assertThat(answer.get(0).opcode()).isEqualTo(8);
    assertThat(answer.get(0).closeCode()).as(what + ": " + answer.get(0).text()).isEqualTo(code);
    assertThat(ch.isOpen()).as("the server closes after its Close").isFalse();
    Event close = sink.take("close", WAIT);
    assertThat(close.fields()).containsEntry("code", code).containsEntry("by", "server");
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }

  @Test
  void thePeersCloseAfterOursEndsTheConnectionWithoutASecondClose() throws Exception {
    server("");
    WsWire.head(WsWire.written(ch));
    ch.writeOutbound(new io.netty.handler.codec.http.websocketx.CloseWebSocketFrame(1001, "server stopping"));
    assertThat(WsWire.frames(WsWire.written(ch))).extracting(WsWire.Frame::closeCode).containsExactly(1001);

    ch.writeInbound(WsWire.close(1001));

    assertThat(WsWire.frames(WsWire.written(ch))).isEmpty();
    assertThat(ch.isOpen()).isFalse();
    assertThat(sink.take("close", WAIT).text()).contains("code=1001", "by=server");
  }
}
