package dev.nettool.clients.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class HttpClientHttp2VersionTest {
  @Test
  void marksAResponseAsHttp2AndDropsTheHeadersTheStreamCodecAdded() {
    EmbeddedChannel ch = new EmbeddedChannel(new HttpClientHttp2Version());
    HttpResponse r = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
    r.headers().set("x-http2-stream-id", "3").set("transfer-encoding", "chunked").set("content-type", "text/plain");

    ch.writeInbound(r);

    HttpResponse seen = ch.readInbound();
    assertThat(seen.protocolVersion().text()).isEqualTo("HTTP/2.0");
    assertThat(seen.headers().names()).containsExactly("content-type");
    assertThat(ch.finish()).as("nothing left over").isFalse();
  }
}
