package dev.nettool.servers.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.jr.ob.JSON;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

/**
 * Runs one request through a route table built from endpoint groups, on an {@link EmbeddedChannel}, and
 * hands back the response with its buffer copied and released. Routing answers 404 and 405 the way the
 * server does.
 */
final class HttpbinFixture {
  private final HttpRouteTable table;
  private final HttpServerConfig config = HttpServerConfig.builder().build();

  HttpbinFixture(HttpRouteGroup... groups) {
    HttpRouteTable.Builder b = HttpRouteTable.builder();
    for (HttpRouteGroup g : groups) {
      b.addAll(g);
    }
    table = b.build();
  }

  /** A response, copied out of its buffer. */
  record Answer(int status, HttpHeaders headers, byte[] body) {
    String text() {
      return new String(body, StandardCharsets.UTF_8);
    }

    Map<String, Object> json() {
      try {
        return JSON.std.mapFrom(body);
      } catch (IOException e) {
        throw new UncheckedIOException("not JSON: " + text(), e);
      }
    }

    String header(CharSequence name) {
      return headers.get(name);
    }
  }

  Answer get(String uri, String... headerPairs) {
    return call(HttpMethod.GET, uri, new byte[0], headerPairs);
  }

  /** {@code headerPairs}: name, value, name, value… A Host header is added unless one is given. */
  Answer call(HttpMethod method, String uri, byte[] body, String... headerPairs) {
    HttpHeaders headers = new DefaultHttpHeaders();
    for (int i = 0; i < headerPairs.length; i += 2) {
      headers.add(headerPairs[i], headerPairs[i + 1]);
    }
    if (!headers.contains(HttpHeaderNames.HOST)) {
      headers.set(HttpHeaderNames.HOST, "example.test:8080");
    }
    HttpRequest request = new DefaultHttpRequest(HttpVersion.HTTP_1_1, method, uri, headers);
    EmbeddedChannel channel = new EmbeddedChannel();
    ByteBuf content = Unpooled.wrappedBuffer(body);
    try {
      String rawPath = new QueryStringDecoder(uri).rawPath();
      Optional<HttpRouteTable.Match> match = table.match(method, rawPath);
      if (match.isEmpty()) {
        return new Answer(table.allowed(rawPath).isEmpty() ? 404 : 405, new DefaultHttpHeaders(), new byte[0]);
      }
      HttpExchange exchange = new HttpExchange(channel, request, content, match.get().params(), config,
          new HttpConnection(1, new InetSocketAddress("127.0.0.1", 5555), false));
      try {
        match.get().route().handler().handle(exchange);
      } catch (Exception e) {
        throw new AssertionError("handler threw", e);
      }
      assertThat(content.refCnt()).as("the handler neither releases nor keeps the request body").isEqualTo(1);
      FullHttpResponse response = channel.readOutbound();
      assertThat(response).as("a response to %s %s", method, uri).isNotNull();
      try {
        assertThat((Object) channel.readOutbound()).as("exactly one response").isNull();
        return new Answer(response.status().code(), response.headers().copy(),
            ByteBufUtil.getBytes(response.content()));
      } finally {
        response.release();
      }
    } finally {
      content.release();
      channel.finishAndReleaseAll();
    }
  }
}
