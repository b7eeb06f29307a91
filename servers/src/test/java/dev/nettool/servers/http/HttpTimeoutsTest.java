package dev.nettool.servers.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nettool.protocols.testing.NettyLeakCheck;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

@Timeout(10)
@ExtendWith(NettyLeakCheck.class)
class HttpTimeoutsTest {
  private static final Duration WAIT = Duration.ofSeconds(1);
  private static final HttpServerConfig CONFIG = HttpServerConfig.builder()
      .headerTimeout(Duration.ofSeconds(10))
      .keepAliveTimeout(Duration.ofSeconds(5))
      .sendTimeout(Duration.ofSeconds(30))
      .build();

  @Test
  void answers408ToAHeadThatDoesNotCompleteInTime() throws Exception {
    HttpLimitsChannel c = new HttpLimitsChannel(CONFIG);
    c.send("GET / HTTP/1.1\r\n");
    c.advance(5);
    c.send("Host: x\r\n");
    assertThat(c.channel.isOpen()).as("still within the header timeout").isTrue();
    c.advance(5);
    assertThat(c.output()).startsWith("HTTP/1.1 408 Request Timeout\r\n")
        .endsWith("408 Request Timeout: request head not complete within 10.00s\n");
    assertThat(c.channel.isOpen()).isFalse();
    assertThat(c.sink.take("error", WAIT).text()).contains("reject: 408");
    assertThat(c.finish()).isFalse();
  }

  @Test
  void closesANewConnectionThatSendsNothingWithoutAnAnswer() throws Exception {
    HttpLimitsChannel c = new HttpLimitsChannel(CONFIG);
    c.advance(10);
    assertThat(c.channel.isOpen()).isFalse();
    assertThat(c.output()).isEmpty();
    assertThat(c.sink.take("timeout", WAIT).text()).isEqualTo("timeout #0 header 10.00s");
    assertThat(c.finish()).isFalse();
  }

  @Test
  void answers408ToABodyThatStallsBetweenReads() {
    HttpLimitsChannel c = new HttpLimitsChannel(HttpServerConfig.builder().headerTimeout(Duration.ofSeconds(10))
        .build());
    c.send("POST /slow HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\nab");
    c.advance(9);
    c.send("cd");
    c.advance(9);
    assertThat(c.channel.isOpen()).as("each piece restarts the clock").isTrue();
    c.advance(1);
    assertThat(c.output()).startsWith("HTTP/1.1 408 Request Timeout\r\n")
        .endsWith("request body stalled for 10.00s\n");
    assertThat(c.served).isEmpty();
    assertThat(c.finish()).isFalse();
  }

  @Test
  void doesNotCountTimeWhileTheServerPausedReading() {
    HttpLimitsChannel c = new HttpLimitsChannel(CONFIG);
    c.send("POST /paused HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\nab");
    c.channel.config().setAutoRead(false);
    c.advance(30);
    assertThat(c.channel.isOpen()).isTrue();
    assertThat(c.finish()).isFalse();
  }

  @Test
  void closesAnIdleKeptAliveConnectionAfterTheKeepAliveTimeout() throws Exception {
    HttpLimitsChannel c = new HttpLimitsChannel(CONFIG);
    assertThat(c.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n").output()).startsWith("HTTP/1.1 200 OK");
    c.advance(4);
    assertThat(c.channel.isOpen()).isTrue();
    c.advance(1);
    assertThat(c.channel.isOpen()).isFalse();
    assertThat(c.sink.take("timeout", WAIT).text()).isEqualTo("timeout #0 keep-alive 5.00s");
    assertThat(c.finish()).isFalse();
  }

  @Test
  void givesTheNextHeadTheHeaderTimeoutOnceItsFirstByteArrived() {
    HttpLimitsChannel c = new HttpLimitsChannel(CONFIG);
    c.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n").output();
    c.advance(4);
    c.send("GET /next HTTP/1.1\r\n");
    c.advance(6);
    assertThat(c.channel.isOpen()).as("the keep-alive clock stopped at the first byte").isTrue();
    c.advance(4);
    assertThat(c.output()).startsWith("HTTP/1.1 408 ");
    assertThat(c.finish()).isFalse();
  }

  @Test
  void endsTheHeadStartedEventAtTheHeaderTimeout() {
    HttpLimitsChannel c = new HttpLimitsChannel(CONFIG);
    List<Object> seen = new ArrayList<>();
    c.channel.pipeline().addBefore("route", "events", new ChannelInboundHandlerAdapter() {
      @Override
      public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        seen.add(evt);
        ctx.fireUserEventTriggered(evt);
      }
    });
    assertThat(c.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n").output()).startsWith("HTTP/1.1 200 OK");
    assertThat(c.send("GET /next HTTP/1.1\r\nHost: x\r\n\r\n").output()).startsWith("HTTP/1.1 200 OK");
    assertThat(c.served).containsExactly("/", "/next");
    assertThat(seen).as("no handler behind the timeouts needs it").doesNotContain(HttpHeadScanner.HEAD_STARTED);
    assertThat(c.finish()).isFalse();
  }

  @Test
  void closesAClientThatStopsTakingAResponseAfterTheSendTimeout() throws Exception {
    HttpLimitsChannel c = new HttpLimitsChannel(HttpServerConfig.builder().headerTimeout(Duration.ofSeconds(60))
        .sendTimeout(Duration.ofSeconds(30)).build());
    c.channel.config().setWriteBufferWaterMark(new WriteBufferWaterMark(1024, 4096));
    DefaultHttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
    HttpUtil.setTransferEncodingChunked(head, true);
    c.channel.write(head);
    c.channel.write(new DefaultHttpContent(Unpooled.wrappedBuffer(new byte[8192])));
    assertThat(c.channel.isWritable()).as("over the high-water mark").isFalse();
    c.advance(29);
    assertThat(c.channel.isOpen()).isTrue();
    c.advance(1);
    assertThat(c.channel.isOpen()).as("closed after the send timeout").isFalse();
    assertThat(c.sink.take("timeout", WAIT).text()).isEqualTo("timeout #0 send 30.00s");
    assertThat(c.finish()).isFalse();
  }

  @Test
  void leavesAnIdleConnectionWithNothingToSendToTheOtherTimeouts() {
    HttpLimitsChannel c = new HttpLimitsChannel(HttpServerConfig.builder().sendTimeout(Duration.ofSeconds(1))
        .build());
    c.send("GET / HTTP/1.1\r\n");
    c.advance(3);
    assertThat(c.channel.isOpen()).isTrue();
    assertThat(c.finish()).isFalse();
  }
}
