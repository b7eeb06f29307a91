package dev.nettool.servers.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * Calls the routes of one group as the server would, on an {@link EmbeddedChannel} per request, and
 * reads back what was written: the head, the body bytes, whether the body ended. Test-only.
 */
final class HttpRouteProbe {
  private final HttpRouteTable table;
  private final HttpServerConfig config;

  HttpRouteProbe(HttpRouteGroup group, HttpServerConfig config) {
    this.table = HttpRouteTable.builder().addAll(group).build();
    this.config = config;
  }

  /** One request on its own channel; {@code headers} alternate name, value. */
  Call call(HttpMethod method, String uri, String body, String... headers) throws Exception {
    EmbeddedChannel ch = new EmbeddedChannel();
    ch.freezeTime();
    ByteBuf content = Unpooled.copiedBuffer(body, StandardCharsets.UTF_8);
    FullHttpRequest req = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, method, uri, content);
    req.headers().set(HttpHeaderNames.HOST, "test.local");
    for (int i = 0; i < headers.length; i += 2) {
      req.headers().add(headers[i], headers[i + 1]);
    }
    HttpExchange ex = exchange(ch, req);
    HttpRouteTable.Match m = table.match(method, ex.rawPath()).orElseThrow();
    ex = new HttpExchange(ch, req, req.content(), m.params(), config, connection());
    Call call = new Call(ch, ex);
    try {
      if (m.route().handler() != null) {
        m.route().handler().handle(ex);
      } else {
        call.sink = m.route().bodyHandler().open(ex);
      }
    } finally {
      req.release();
    }
    ch.runPendingTasks();
    return call;
  }

  Call call(HttpMethod method, String uri) throws Exception {
    return call(method, uri, "");
  }

  private HttpExchange exchange(EmbeddedChannel ch, FullHttpRequest req) {
    return new HttpExchange(ch, req, null, java.util.Map.of(), config, connection());
  }

  static HttpConnection connection() {
    return new HttpConnection(1, new InetSocketAddress("127.0.0.1", 5555), false);
  }

  /** One request's channel and what came out of it so far. */
  static final class Call {
    final EmbeddedChannel channel;
    final HttpExchange exchange;
    HttpBodySink sink;
    HttpResponse head;
    final ByteArrayOutputStream body = new ByteArrayOutputStream();
    int pieces;
    boolean ended;

    Call(EmbeddedChannel channel, HttpExchange exchange) {
      this.channel = channel;
      this.exchange = exchange;
    }

    /** Moves virtual time on, runs what fell due, and reads what was written. */
    Call advance(long amount, TimeUnit unit) {
      channel.advanceTimeBy(amount, unit);
      channel.runScheduledPendingTasks();
      return drain();
    }

    /** Runs everything that can run now (without moving time) and reads what was written. */
    Call drain() {
      for (int round = 0; round < 1_000_000; round++) {
        channel.runPendingTasks();
        boolean read = false;
        for (Object o; (o = channel.readOutbound()) != null; read = true) {
          take(o);
        }
        if (!read && !channel.hasPendingTasks()) {
          return this;
        }
      }
      throw new AssertionError("the response never settled");
    }

    private void take(Object o) {
      if (o instanceof HttpResponse r) {
        assertThat(head).as("only one response head").isNull();
        head = r;
      }
      if (o instanceof HttpContent c) {
        assertThat(head).as("content after the head").isNotNull();
        assertThat(ended).as("nothing after the last content").isFalse();
        ByteBuf b = c.content();
        byte[] bytes = new byte[b.readableBytes()];
        b.getBytes(b.readerIndex(), bytes);
        body.writeBytes(bytes);
        if (bytes.length > 0) {
          pieces++;
        }
        ended = o instanceof LastHttpContent;
        c.release();
      }
    }

    int status() {
      return head.status().code();
    }

    String header(CharSequence name) {
      return head.headers().get(name);
    }

    String text() {
      return body.toString(StandardCharsets.UTF_8);
    }

    byte[] bytes() {
      return body.toByteArray();
    }

    /** Closes the channel and checks nothing was left unread. */
    void finish() {
      drain();
      channel.finishAndReleaseAll();
    }
  }
}
