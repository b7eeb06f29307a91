package dev.nettool.servers.http;

import io.netty.buffer.ByteBuf;
import io.netty.channel.FileRegion;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.handler.stream.ChunkedWriteHandler;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs one request through a route table on an {@link EmbeddedChannel} and collects what was written:
 * the head, the body bytes, and the body object as it was handed to the pipeline (released here), and
 * whether the exchange put a {@link ChunkedWriteHandler} into the pipeline for it.
 */
final class HttpStaticExchanges {
  private HttpStaticExchanges() {}

  /** What one exchange wrote. {@code bodyObject} is the class of the non-HTTP body message, if any. */
  record Written(HttpResponse head, byte[] body, Class<?> bodyObject, long regionPosition, long regionCount,
      boolean ended, boolean chunkedWriter) {
    String text() {
      return new String(body, StandardCharsets.UTF_8);
    }

    int status() {
      return head.status().code();
    }

    String header(CharSequence name) {
      return head.headers().get(name);
    }
  }

  static Written run(HttpRouteTable table, HttpServerConfig config, HttpMethod method, String uri,
      Map<String, String> headers, boolean secure) throws Exception {
    EmbeddedChannel ch = new EmbeddedChannel();
    FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, method, uri);
    request.headers().set("Host", "localhost");
    headers.forEach((k, v) -> request.headers().set(k, v));
    try {
      String rawPath = new QueryStringDecoder(uri).rawPath();
      HttpRouteTable.Match match = table.match(method, rawPath).orElseThrow();
      HttpExchange exchange = new HttpExchange(ch, request, request.content(), match.params(), config,
          new HttpConnection(1, new InetSocketAddress("127.0.0.1", 5555), secure));
      match.route().handler().handle(exchange);
      ch.runPendingTasks();
      return collect(ch);
    } finally {
      request.release();
      ch.finishAndReleaseAll();
    }
  }

  private static Written collect(EmbeddedChannel ch) {
    HttpResponse head = null;
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    Class<?> bodyObject = null;
    long position = -1;
    long count = -1;
    boolean ended = false;
    List<Object> all = new ArrayList<>();
    for (Object m = ch.readOutbound(); m != null; m = ch.readOutbound()) {
      all.add(m);
    }
    for (Object m : all) {
      try {
        if (m instanceof HttpResponse r) {
          head = r;
        }
        if (m instanceof HttpContent c) {
          ByteBuf b = c.content();
          b.readBytes(body, b.readableBytes());
          ended |= m instanceof LastHttpContent || m instanceof FullHttpResponse;
        } else if (m instanceof FileRegion region) {
          bodyObject = m.getClass();
          position = region.position();
          count = region.count();
          transfer(region, body);
        } else if (m instanceof HttpFileChunks chunks) {
          bodyObject = m.getClass();
          ended = readAll(chunks, body);
        } else if (!(m instanceof HttpResponse)) {
          bodyObject = m.getClass();
        }
      } catch (Exception e) {
        throw new IllegalStateException(e);
      } finally {
        io.netty.util.ReferenceCountUtil.release(m);
      }
    }
    return new Written(head, body.toByteArray(), bodyObject, position, count, ended,
        ch.pipeline().get(ChunkedWriteHandler.class) != null);
  }

  /** Reads the chunks as ChunkedWriteHandler would; whether the last one ended the response. */
  private static boolean readAll(HttpFileChunks chunks, ByteArrayOutputStream out) throws Exception {
    boolean last = false;
    try {
      for (HttpContent c = chunks.readChunk(UnpooledByteBufAllocator.DEFAULT); c != null;
          c = chunks.readChunk(UnpooledByteBufAllocator.DEFAULT)) {
        try {
          c.content().readBytes(out, c.content().readableBytes());
          last = c instanceof LastHttpContent;
        } finally {
          c.release();
        }
      }
    } finally {
      chunks.close();
    }
    return last;
  }

  private static void transfer(FileRegion region, ByteArrayOutputStream out) throws IOException {
    WritableByteChannel target = Channels.newChannel(out);
    while (region.transferred() < region.count()) {
      region.transferTo(target, region.transferred());
    }
  }
}
