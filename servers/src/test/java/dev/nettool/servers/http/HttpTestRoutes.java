package dev.nettool.servers.http;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Routes the core's tests register through the config: the endpoints themselves are not the core's. */
final class HttpTestRoutes {
  private HttpTestRoutes() {}

  static List<HttpRoute> all() {
    return List.of(
        HttpRoute.of(HttpMethod.GET, "/hello", x -> x.respondText(HttpResponseStatus.OK, "hello\n")),
        HttpRoute.of(HttpMethod.POST, "/echo", x -> x.respond(HttpResponseStatus.OK, "application/octet-stream",
            x.body().retainedDuplicate())),
        // Answers later, from a scheduled task: a pipelined request behind it must wait.
        HttpRoute.of(HttpMethod.GET, "/later", x -> x.channel().eventLoop().schedule(
            () -> x.respondText(HttpResponseStatus.OK, "later\n"), 50, TimeUnit.MILLISECONDS)),
        HttpRoute.of(HttpMethod.GET, "/big", x -> x.respondText(HttpResponseStatus.OK, "abcdefgh".repeat(4096))),
        HttpRoute.of(HttpMethod.GET, "/boom", x -> {
          throw new IllegalStateException("boom");
        }),
        HttpRoute.streaming(HttpMethod.PUT, "/count", x -> new CountingSink(x)));
  }

  /** A streamed body's size, answered as text when it ends. */
  static final class CountingSink implements HttpBodySink {
    private final HttpExchange exchange;
    private long size;

    CountingSink(HttpExchange exchange) {
      this.exchange = exchange;
    }

    @Override
    public void content(ByteBuf chunk) {
      size += chunk.readableBytes();
    }

    @Override
    public void end() {
      exchange.respondText(HttpResponseStatus.OK, size + " bytes\n");
    }

    @Override
    public void abort(Throwable cause) {}
  }
}
