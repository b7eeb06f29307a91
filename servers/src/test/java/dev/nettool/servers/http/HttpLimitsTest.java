package dev.nettool.servers.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nettool.protocols.testing.NettyLeakCheck;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;

import java.time.Duration;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@Timeout(10)
@ExtendWith(NettyLeakCheck.class)
class HttpLimitsTest {
  private static final Duration WAIT = Duration.ofSeconds(1);
  private static final String HOST = "Host: x\r\n";

  static Stream<Arguments> malformed() {
    return Stream.of(
        Arguments.of("request line over 8 KB", "GET /" + "a".repeat(9000) + " HTTP/1.1\r\n" + HOST + "\r\n",
            "414 Request-URI Too Long: request line longer than 8192 bytes"),
        Arguments.of("headers over 16 KB", "GET / HTTP/1.1\r\n" + HOST + "X-A: " + "a".repeat(17000) + "\r\n\r\n",
            "431 Request Header Fields Too Large: header section larger than 16384 bytes"),
        Arguments.of("missing Host", "GET / HTTP/1.1\r\n\r\n", "400 Bad Request: missing Host header"),
        Arguments.of("doubled Host", "GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n", "400 Bad Request: 2 Host headers"),
        Arguments.of("one-word request line", "GARBAGE\r\n" + HOST + "\r\n",
            "400 Bad Request: malformed request line (1 words, expected method, target and version)"),
        Arguments.of("two words ending in a version", "GET/ HTTP/1.1\r\n" + HOST + "\r\n",
            "400 Bad Request: malformed request line (2 words"),
        Arguments.of("four-word request line", "GET /a b HTTP/1.1\r\n" + HOST + "\r\n",
            "400 Bad Request: malformed request line (4 words"),
        Arguments.of("header without colon", "GET / HTTP/1.1\r\n" + HOST + "NoColon\r\n\r\n",
            "400 Bad Request: No colon found"),
        Arguments.of("space before colon", "GET / HTTP/1.1\r\n" + HOST + "X-A : b\r\n\r\n",
            "400 Bad Request: a header name can only contain \"token\" characters"),
        Arguments.of("obs-fold with space", "GET / HTTP/1.1\r\n" + HOST + "X-A: b\r\n c\r\n\r\n",
            "400 Bad Request: obs-fold in header \"X-A\""),
        Arguments.of("obs-fold with tab", "GET / HTTP/1.1\r\n" + HOST + "X-A: b\r\n\tc\r\n\r\n",
            "400 Bad Request: obs-fold in header \"X-A\""),
        Arguments.of("bare LF", "GET / HTTP/1.1\n" + HOST + "\r\n", "400 Bad Request: bare LF in the request line"),
        Arguments.of("bare CR", "GET / HTTP/1.1\r\nHost: x\rX-A: b\r\n\r\n",
            "400 Bad Request: bare CR in the header section"),
        Arguments.of("control character in a header", "GET / HTTP/1.1\r\n" + HOST + "X-A: b\u0001c\r\n\r\n",
            "400 Bad Request: control character 0x01 in header \"X-A\""),
        Arguments.of("DEL in a header", "GET / HTTP/1.1\r\n" + HOST + "X-A: b\u007fc\r\n\r\n",
            "400 Bad Request: control character 0x7f in header \"X-A\""),
        Arguments.of("control character in the target", "GET /a\u0001b HTTP/1.1\r\n" + HOST + "\r\n",
            "400 Bad Request: control character 0x01 in the request line"),
        Arguments.of("NUL in the target", "GET /a\u0000b HTTP/1.1\r\n" + HOST + "\r\n",
            "400 Bad Request: NUL byte in the request line"),
        Arguments.of("Content-Length with Transfer-Encoding",
            "POST / HTTP/1.1\r\n" + HOST + "Content-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
            "400 Bad Request: Content-Length together with Transfer-Encoding"),
        Arguments.of("conflicting Content-Lengths",
            "POST / HTTP/1.1\r\n" + HOST + "Content-Length: 5\r\nContent-Length: 6\r\n\r\nhello",
            "400 Bad Request: Multiple Content-Length values found: [5, 6]"),
        Arguments.of("Content-Length list", "POST / HTTP/1.1\r\n" + HOST + "Content-Length: 5, 6\r\n\r\nhello",
            "400 Bad Request: Multiple Content-Length values found"),
        Arguments.of("malformed Content-Length", "POST / HTTP/1.1\r\n" + HOST + "Content-Length: abc\r\n\r\n",
            "400 Bad Request: Content-Length value is not a number: abc"),
        Arguments.of("negative Content-Length", "POST / HTTP/1.1\r\n" + HOST + "Content-Length: -1\r\n\r\n",
            "400 Bad Request: Content-Length value is not a number: -1"),
        Arguments.of("chunked not the final coding",
            "POST / HTTP/1.1\r\n" + HOST + "Transfer-Encoding: chunked, gzip\r\n\r\n0\r\n\r\n",
            "400 Bad Request: chunked must be the last encoding"),
        Arguments.of("unknown transfer coding", "POST / HTTP/1.1\r\n" + HOST + "Transfer-Encoding: foo\r\n\r\n",
            "501 Not Implemented: unknown transfer coding \"foo\""),
        Arguments.of("malformed chunk size",
            "POST / HTTP/1.1\r\n" + HOST + "Transfer-Encoding: chunked\r\n\r\nzz\r\n",
            "400 Bad Request: malformed body: Invalid character in chunk size"),
        Arguments.of("HTTP/1.2", "GET / HTTP/1.2\r\n" + HOST + "\r\n",
            "505 HTTP Version Not Supported: HTTP/1.2 is not supported"),
        Arguments.of("HTTP/2.0 on the request line", "GET / HTTP/2.0\r\n" + HOST + "\r\n",
            "505 HTTP Version Not Supported: HTTP/2.0 is not supported"),
        Arguments.of("HTTP/0.9 style", "GET /\r\n\r\n",
            "505 HTTP Version Not Supported: a request line without a version (HTTP/0.9) is not supported"),
        Arguments.of("a version that is not HTTP", "GET / FOO/1.1\r\n" + HOST + "\r\n",
            "400 Bad Request: invalid version format: FOO/1.1"),
        Arguments.of("body over the limit by Content-Length",
            "POST / HTTP/1.1\r\n" + HOST + "Content-Length: 101\r\n\r\n",
            "413 Request Entity Too Large: body of 101 bytes is over the limit of 100"),
        Arguments.of("chunked body over the limit",
            "POST / HTTP/1.1\r\n" + HOST + "Transfer-Encoding: chunked\r\n\r\n40\r\n" + "a".repeat(64)
                + "\r\n40\r\n" + "a".repeat(64) + "\r\n",
            "413 Request Entity Too Large: body passed the limit of 100 bytes"),
        Arguments.of("Expect: 100-continue over the limit",
            "PUT / HTTP/1.1\r\n" + HOST + "Expect: 100-continue\r\nContent-Length: 1000\r\n\r\n",
            "413 Request Entity Too Large: body of 1000 bytes is over the limit of 100"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("malformed")
  void answersTheRightStatusNamesTheProblemAndCloses(String what, String raw, String expected) throws Exception {
    HttpLimitsChannel c = new HttpLimitsChannel();
    String out = c.send(raw).output();
    String status = expected.substring(0, expected.indexOf(':'));
    assertThat(out).as(what).startsWith("HTTP/1.1 " + status + "\r\n")
        .contains("connection: close\r\n", "content-type: text/plain; charset=utf-8\r\n")
        .contains("\r\n\r\n" + expected);
    assertThat(c.channel.isOpen()).as("closed after the answer").isFalse();
    assertThat(c.served).as("nothing served").isEmpty();
    assertThat(c.sink.take("error", WAIT).text()).startsWith("error #0 reject: " + expected);
    assertThat(c.finish()).isFalse();
  }

  @Test
  void servesAWellFormedRequestAndKeepsTheConnection() {
    HttpLimitsChannel c = new HttpLimitsChannel();
    String out = c.send("GET /ok HTTP/1.1\r\n" + HOST + "\r\n").output();
    assertThat(out).startsWith("HTTP/1.1 200 OK\r\n").endsWith("served /ok");
    assertThat(c.channel.isOpen()).isTrue();
    assertThat(c.finish()).isFalse();
  }

  @Test
  void servesPipelinedRequestsWithBodiesAndChecksEveryHead() {
    HttpLimitsChannel c = new HttpLimitsChannel();
    String out = c.send("POST /a HTTP/1.1\r\n" + HOST + "Content-Length: 5\r\n\r\nhello"
        + "POST /b HTTP/1.1\r\n" + HOST + "Transfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n"
        + "GET /c HTTP/1.1\r\n" + HOST + "X-A: b\r\n c\r\n\r\n").output();
    assertThat(c.served).containsExactly("/a", "/b");
    assertThat(out).contains("served /a", "served /b").endsWith("400 Bad Request: obs-fold in header \"X-A\"\n");
    assertThat(c.finish()).isFalse();
  }

  @Test
  void checksAHeadThatArrivesOneByteAtATime() {
    HttpLimitsChannel c = new HttpLimitsChannel();
    String ok = "GET /a HTTP/1.1\r\n" + HOST + "X-Long-Header-Name: 1\r\n\r\n";
    String folded = "GET /b HTTP/1.1\r\n" + HOST + "X-Long-Header-Name: 1\r\nX-Next: 2\r\n\tfolded\r\n\r\n";
    for (char ch : (ok + folded).toCharArray()) {
      c.send(String.valueOf(ch));
    }
    assertThat(c.served).containsExactly("/a");
    assertThat(c.output()).contains("served /a").endsWith("400 Bad Request: obs-fold in header \"X-Next\"\n");
    assertThat(c.finish()).isFalse();
  }

  @Test
  void handsOnABodilessRequestAsOneMessageAndTheRestAsTheyCame() {
    HttpLimitsChannel c = new HttpLimitsChannel();
    String out = c.send("GET /a HTTP/1.1\r\n" + HOST + "\r\n"
        + "POST /b HTTP/1.1\r\n" + HOST + "Content-Length: 3\r\n\r\nabc"
        + "DELETE /c HTTP/1.1\r\n" + HOST + "Content-Length: 0\r\n\r\n"
        + "GET /d HTTP/1.1\r\n" + HOST + "Connection: Upgrade\r\nUpgrade: h2c\r\n\r\n"
        + "POST /e HTTP/1.1\r\n" + HOST + "Transfer-Encoding: chunked\r\n\r\n0\r\n\r\n").output();
    assertThat(c.messages).containsExactly("full /a", "head /b", "last", "full /c", "head /d", "last",
        "head /e", "last");
    assertThat(c.served).containsExactly("/a", "/b", "/c", "/d", "/e");
    assertThat(out.split("HTTP/1\\.1 200 OK", -1)).as("five answers in %s", out).hasSize(6);
    assertThat(c.finish()).isFalse();
  }

  @Test
  void addsTheBodyHandlersOnceWithTheFirstRequestThatHasABody() {
    HttpLimitsChannel c = new HttpLimitsChannel();
    c.send("GET /a HTTP/1.1\r\n" + HOST + "\r\n" + "DELETE /b HTTP/1.1\r\n" + HOST + "Content-Length: 0\r\n\r\n");
    assertThat(c.channel.pipeline().names()).doesNotContain("body-stall", "body-limit", "inflated-limit");
    assertThat(c.moreBodyHandlerCalls).isZero();

    c.send("POST /c HTTP/1.1\r\n" + HOST + "Content-Length: 3\r\n\r\nabc"
        + "POST /d HTTP/1.1\r\n" + HOST + "Transfer-Encoding: chunked\r\n\r\n2\r\nde\r\n0\r\n\r\n");

    assertThat(c.channel.pipeline().names()).containsSubsequence("header-timeout", "body-stall", "validate",
        "body-limit", "inflated-limit", "reject", "route");
    assertThat(c.moreBodyHandlerCalls).isEqualTo(1);
    assertThat(c.served).containsExactly("/a", "/b", "/c", "/d");
    assertThat(c.finish()).isFalse();
  }

  @Test
  void refusesAnOversizedBodyOnAConnectionWhoseFirstRequestsHadNone() {
    HttpLimitsChannel c = new HttpLimitsChannel();
    String out = c.send("GET /a HTTP/1.1\r\n" + HOST + "\r\n"
        + "POST /big HTTP/1.1\r\n" + HOST + "Content-Length: 101\r\n\r\n").output();

    assertThat(out).startsWith("HTTP/1.1 200 OK\r\n").contains("HTTP/1.1 413 ");
    assertThat(c.served).containsExactly("/a");
  }

  @Test
  void servesNothingSmuggledBehindContentLengthAndTransferEncoding() {
    HttpLimitsChannel c = new HttpLimitsChannel();
    String out = c.send("POST / HTTP/1.1\r\n" + HOST + "Content-Length: 35\r\nTransfer-Encoding: chunked\r\n\r\n"
        + "0\r\n\r\nGET /smuggled HTTP/1.1\r\n" + HOST + "\r\n").output();
    assertThat(Pattern.compile("(?m)^HTTP/1\\.1 \\d{3} ").matcher(out).results().count())
        .as("exactly one response in %s", out).isEqualTo(1);
    assertThat(out).startsWith("HTTP/1.1 400 ");
    assertThat(c.served).isEmpty();
    assertThat(c.finish()).isFalse();
  }

  @Test
  void servesNothingBehindARejectedRequestEvenWhenTheDecoderAcceptedIt() {
    HttpLimitsChannel c = new HttpLimitsChannel();
    String out = c.send("GET /first HTTP/1.2\r\n" + HOST + "\r\nGET /second HTTP/1.1\r\n" + HOST + "\r\n").output();
    assertThat(out).startsWith("HTTP/1.1 505 ").doesNotContain("served");
    assertThat(c.served).isEmpty();
    assertThat(c.finish()).isFalse();
  }

  @Test
  void answersARejectionOnlyAfterTheResponseInFlight() {
    HttpLimitsChannel c = new HttpLimitsChannel();
    String out = c.send("GET /ok HTTP/1.1\r\n" + HOST + "\r\nGET /bad HTTP/1.1\r\n\r\n").output();
    assertThat(out).startsWith("HTTP/1.1 200 OK\r\n").contains("served /okHTTP/1.1 400 Bad Request\r\n");
    assertThat(c.finish()).isFalse();
  }

  @Test
  void acceptsALeadingEmptyLineAndHttp10WithoutHost() {
    HttpLimitsChannel c = new HttpLimitsChannel();
    String out = c.send("\r\nGET /old HTTP/1.0\r\n\r\n").output();
    assertThat(out).startsWith("HTTP/1.1 200 OK\r\n").endsWith("served /old");
    assertThat(c.finish()).isFalse();
  }

  @Test
  void acceptsABodyExactlyAtTheLimit() {
    HttpLimitsChannel c = new HttpLimitsChannel();
    String out = c.send("POST /max HTTP/1.1\r\n" + HOST + "Content-Length: 100\r\n\r\n" + "a".repeat(100)).output();
    assertThat(out).startsWith("HTTP/1.1 200 OK\r\n");
    assertThat(c.finish()).isFalse();
  }

  @Test
  void findsAHeadSplitAcrossReads() {
    HttpLimitsChannel c = new HttpLimitsChannel();
    c.send("GET / HTTP/1.1\r").send("\nHost: x\r\nX-A: b\r").send("\n").send(" folded\r\n\r\n");
    assertThat(c.output()).startsWith("HTTP/1.1 400 ").endsWith("obs-fold in header \"X-A\"\n");
    assertThat(c.finish()).isFalse();
  }

  @Test
  void passesChunkDataInWholePiecesAndScansTheHeadBehindTheTrailers() {
    HttpLimitsChannel c = new HttpLimitsChannel(HttpServerConfig.builder().build());
    String data = "line\n".repeat(1000);
    String out = c.send("POST /chunked HTTP/1.1\r\n" + HOST + "Transfer-Encoding: chunked\r\n\r\n"
        + Integer.toHexString(data.length()) + ";ext=1\r\n" + data + "\r\n0\r\nX-Trailer: t\r\n\r\n"
        + "GET /next HTTP/1.1\r\n" + HOST + "X-A: b\r\n\tfolded\r\n\r\n").output();
    assertThat(c.served).containsExactly("/chunked");
    assertThat(c.pieces).as("data newlines do not cut the chunk").containsExactly(data.length());
    assertThat(out).endsWith("400 Bad Request: obs-fold in header \"X-A\"\n");
    assertThat(c.finish()).isFalse();
  }

  @Test
  void outgoingHeadersRefuseCrLfSoAnEchoedValueCannotSplitAResponse() {
    DefaultFullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
    assertThatThrownBy(() -> r.headers().set("X-Echo", "a\r\nSet-Cookie: evil=1"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> r.headers().add("X-Echo", "a\nb"))
        .isInstanceOf(IllegalArgumentException.class);
    r.release();
  }
}
