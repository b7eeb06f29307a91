package dev.nettool.servers.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nettool.protocols.testing.NettyLeakCheck;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

@Timeout(30)
@ExtendWith(NettyLeakCheck.class)
class HttpRequestInflaterTest {
  private final EmbeddedChannel ch = new EmbeddedChannel();

  HttpRequestInflaterTest() {
    ch.pipeline().addLast("inflate", new HttpRequestInflater());
  }

  @Test
  void inflatesAnEncodedBodyWithADecompressorThatLeavesAfterTheExchange() throws Exception {
    HttpRequest gzipped = request();
    gzipped.headers().set(HttpHeaderNames.CONTENT_ENCODING, "gzip");
    ch.writeInbound(gzipped);
    assertThat(ch.pipeline().get("inflate-body")).as("a decompressor for this exchange").isNotNull();
    ch.writeInbound(new DefaultHttpContent(Unpooled.wrappedBuffer(gzip("inflated body"))));
    ch.writeInbound(new DefaultLastHttpContent());

    assertThat(ch.pipeline().get("inflate-body")).as("gone after the last piece").isNull();
    HttpRequest seen = ch.readInbound();
    assertThat(seen.headers().contains(HttpHeaderNames.CONTENT_ENCODING)).isFalse();
    assertThat(bodyOf()).isEqualTo("inflated body");
  }

  @Test
  void passesAPlainRequestOnAsItCame() {
    HttpRequest plain = request();
    ch.writeInbound(plain);
    assertThat(ch.pipeline().get("inflate-body")).isNull();
    ch.writeInbound(new DefaultLastHttpContent(Unpooled.copiedBuffer("as is", StandardCharsets.US_ASCII)));

    assertThat((Object) ch.readInbound()).isSameAs(plain);
    assertThat(bodyOf()).isEqualTo("as is");
  }

  private static HttpRequest request() {
    return new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, "/post");
  }

  private String bodyOf() {
    StringBuilder body = new StringBuilder();
    for (Object m; (m = ch.readInbound()) != null; ) {
      ByteBuf content = ((HttpContent) m).content();
      body.append(content.toString(StandardCharsets.UTF_8));
      content.release();
      if (m instanceof LastHttpContent) {
        break;
      }
    }
    return body.toString();
  }

  private static byte[] gzip(String text) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream z = new GZIPOutputStream(out)) {
      z.write(text.getBytes(StandardCharsets.UTF_8));
    }
    return out.toByteArray();
  }
}
