package dev.nettool.servers.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.DefaultHttp2HeadersFrame;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.util.ReferenceCountUtil;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class Http2StreamConverterTest {
  private final List<ChannelPipeline> bodies = new ArrayList<>();

  private HttpRequest convert(Http2Headers headers, boolean endStream) {
    EmbeddedChannel ch = new EmbeddedChannel(new Http2StreamConverter(p -> { }, bodies::add));
    try {
      ch.writeInbound(new DefaultHttp2HeadersFrame(headers, endStream));
      HttpRequest request = ch.readInbound();
      ReferenceCountUtil.release(request);
      return request;
    } finally {
      ch.finishAndReleaseAll();
    }
  }

  private static Http2Headers get() {
    return new DefaultHttp2Headers().method("GET").path("/get?a=1").scheme("http").authority("x")
        .add("accept", "*/*");
  }

  @Test
  void aSingleHeadersFrameIsAFullRequestWithoutBodyHandlersOrExtensionHeaders() {
    HttpRequest request = convert(get(), true);
    assertThat(request).isInstanceOf(FullHttpRequest.class);
    assertThat(request.uri()).isEqualTo("/get?a=1");
    assertThat(request.headers().names()).as("no x-http2-* header").noneMatch(n -> n.startsWith("x-http2"));
    assertThat(request.headers().get("accept")).isEqualTo("*/*");
    assertThat(bodies).as("no body handlers for a request without a body").isEmpty();
  }

  @Test
  void aRequestWhoseBodyFollowsGetsTheBodyHandlers() {
    HttpRequest request = convert(get().method("POST"), false);
    assertThat(request).isNotInstanceOf(FullHttpRequest.class);
    assertThat(bodies).hasSize(1);
  }

  @Test
  void aFullRequestThatSpeaksOfABodyGetsTheBodyHandlersToo() {
    convert(get().add("content-length", "5"), true);
    convert(get().add("content-encoding", "gzip"), true);
    assertThat(bodies).hasSize(2);
  }

  @Test
  void putsTheExchangeHandlersBehindItselfOnceItIsAddedToAStream() {
    Http2StreamConverter converter = new Http2StreamConverter(
        p -> p.addLast("route", new ChannelInboundHandlerAdapter()), bodies::add);
    EmbeddedChannel first = new EmbeddedChannel(converter);
    EmbeddedChannel second = new EmbeddedChannel(converter);
    try {
      for (EmbeddedChannel ch : List.of(first, second)) {
        List<String> names = ch.pipeline().names();
        assertThat(names.indexOf("route")).as("in %s", names).isEqualTo(names.indexOf(
            ch.pipeline().context(converter).name()) + 1);
      }
    } finally {
      first.finishAndReleaseAll();
      second.finishAndReleaseAll();
    }
  }
}
