package dev.nettool.servers.http;

import com.fasterxml.jackson.jr.ob.JSON;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelException;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * One request and the way to answer it, as route handlers see them. The body is the whole body for an
 * {@link HttpHandler} and empty for an {@link HttpBodyHandler}; it is valid only while the handler runs,
 * so a handler that answers later takes what it needs first. Every method runs on the event loop.
 * Connection management (keep-alive, {@code Connection: close}) is settled here, once per response.
 */
public final class HttpExchange {
  private static final JSON JSON_OUT = JSON.std.with(JSON.Feature.PRETTY_PRINT_OUTPUT, JSON.Feature.WRITE_NULL_PROPERTIES);

  private final Channel channel;
  private final HttpRequest request;
  private final ByteBuf body;
  private final Map<String, String> params;
  private final HttpServerConfig config;
  private final HttpConnection connection;
  /** The target split into path and query, on first use: most answers never ask. */
  private QueryStringDecoder uri;
  private boolean closeAfter;
  private boolean answered;

  public HttpExchange(Channel channel, HttpRequest request, ByteBuf body, Map<String, String> params,
      HttpServerConfig config, HttpConnection connection) {
    this.channel = channel;
    this.request = request;
    this.body = body == null ? Unpooled.EMPTY_BUFFER : body;
    this.params = params.isEmpty() ? Map.of() : Map.copyOf(params);
    this.config = config;
    this.connection = connection;
  }

  private QueryStringDecoder uri() {
    if (uri == null) {
      uri = new QueryStringDecoder(request.uri());
    }
    return uri;
  }

  public Channel channel() {
    return channel;
  }

  public HttpRequest request() {
    return request;
  }

  public HttpMethod method() {
    return request.method();
  }

  public HttpHeaders headers() {
    return request.headers();
  }

  public HttpServerConfig config() {
    return config;
  }

  public HttpConnection connection() {
    return connection;
  }

  /** The path as sent, still percent-encoded, without the query. */
  public String rawPath() {
    return uri().rawPath();
  }

  /** The path, percent-decoded. */
  public String path() {
    return uri().path();
  }

  /** The query's parameters in the order they came; a key sent twice has two values. */
  public Map<String, List<String>> query() {
    return uri().parameters();
  }

  /** The first value of query parameter {@code name}, or {@code null}. */
  public String queryParam(String name) {
    List<String> v = uri().parameters().get(name);
    return v == null || v.isEmpty() ? null : v.get(0);
  }

  /** A path parameter of the matched route ({@code {id}}; {@code "*"} for the raw rest), or {@code null}. */
  public String param(String name) {
    return params.get(name);
  }

  public Map<String, String> params() {
    return params;
  }

  public ByteBuf body() {
    return body;
  }

  public String bodyText() {
    return body.toString(StandardCharsets.UTF_8);
  }

  /** {@code http} or {@code https}. */
  public String scheme() {
    return connection.secure() ? "https" : "http";
  }

  /** Whether the connection stays open after this response. */
  public boolean keepAlive() {
    return !closeAfter && HttpUtil.isKeepAlive(request);
  }

  /** Closes the connection once this response is out (the server is draining, a limit was hit). */
  public void closeAfterResponse() {
    closeAfter = true;
  }

  public boolean answered() {
    return answered;
  }

  /** Stops reading the request body until {@link #resumeReading()}: for a sink waiting on slow work. */
  public void pauseReading() {
    channel.config().setAutoRead(false);
  }

  public void resumeReading() {
    channel.config().setAutoRead(true);
  }

  /** Sends a complete response; sets Content-Length and the connection header. */
  public ChannelFuture respond(FullHttpResponse response) {
    HttpUtil.setContentLength(response, response.content().readableBytes());
    return finish(channel.writeAndFlush(prepare(response)));
  }

  public ChannelFuture respond(HttpResponseStatus status, CharSequence contentType, ByteBuf content) {
    FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, content);
    if (contentType != null) {
      r.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType);
    }
    return respond(r);
  }

  /** A response without a body (204, 304, a redirect without text). */
  public ChannelFuture respondEmpty(HttpResponseStatus status) {
    return respond(status, null, Unpooled.EMPTY_BUFFER);
  }

  public ChannelFuture respondText(HttpResponseStatus status, String text) {
    return respond(status, "text/plain; charset=utf-8", utf8(text));
  }

  public ChannelFuture respondHtml(HttpResponseStatus status, String html) {
    return respond(status, "text/html; charset=utf-8", utf8(html));
  }

  /** {@code value} (maps, lists, strings, numbers) as pretty-printed JSON, like httpbin. */
  public ChannelFuture respondJson(HttpResponseStatus status, Object value) {
    return respond(status, HttpHeaderValues.APPLICATION_JSON, utf8(json(value) + "\n"));
  }

  /**
   * Sends {@code head}, which must carry the Content-Length, then {@code body}: a {@code FileRegion} the
   * pipeline writes as it is, zero-copy (only where {@link HttpConnection#fileRegions()} says so), followed
   * by the end of the response; or the pieces of an {@link HttpFileChunks}, read one by one by the pipeline's
   * {@code ChunkedWriteHandler}, whose last piece ends the response.
   */
  public ChannelFuture respondRegion(HttpResponse head, Object body) {
    if (!HttpUtil.isContentLengthSet(head)) {
      throw new IllegalArgumentException("respondRegion needs a Content-Length in the head");
    }
    if (body instanceof HttpFileChunks chunks) {
      HttpExchangeHandlers.chunkedWriter(channel.pipeline());
      channel.write(prepare(head));
      return finish(channel.writeAndFlush(chunks));
    }
    channel.write(prepare(head));
    // Corked while the head and the region go out, as nginx's tcp_nopush does: the head rides in the
    // file's first segment instead of a small one of its own. With wrk x256 on a 1 MiB file this took
    // nettool from 3,150-3,290 to 4,400-6,000 req/s; x64 went from 3,300-3,400 to 2,900-3,100.
    boolean cork = channel instanceof EpollSocketChannel && channel.eventLoop().inEventLoop();
    if (cork) {
      cork(true);
    }
    channel.write(body);
    ChannelFuture done = channel.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT);
    if (cork) {
      // What the flush could not hand to the kernel yet goes out uncorked as the socket drains.
      cork(false);
    }
    return finish(done);
  }

  // A connection the flush found broken is closed by then: there is nothing left to cork.
  private void cork(boolean on) {
    if (channel.isOpen()) {
      try {
        channel.config().setOption(EpollChannelOption.TCP_CORK, on);
      } catch (ChannelException e) {
        // closed under us (the peer reset it): the write's own failure reports that
      }
    }
  }

  /**
   * Starts a response whose body follows in pieces: chunked unless {@code head} has a Content-Length.
   * Write the next piece when the previous write's future completes; that is the back-pressure.
   */
  public HttpResponseStream stream(HttpResponse head) {
    if (!HttpUtil.isContentLengthSet(head)) {
      HttpUtil.setTransferEncodingChunked(head, true);
    }
    channel.writeAndFlush(prepare(head));
    return new HttpResponseStream();
  }

  /** A streamed response of {@code status} and {@code contentType}. */
  public HttpResponseStream stream(HttpResponseStatus status, CharSequence contentType) {
    HttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, status);
    head.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType);
    return stream(head);
  }

  /** The body of a response started with {@link #stream}. */
  public final class HttpResponseStream {
    private HttpResponseStream() {}

    public ChannelFuture write(ByteBuf piece) {
      return channel.writeAndFlush(new DefaultHttpContent(piece));
    }

    public ChannelFuture write(String piece) {
      return write(utf8(piece));
    }

    /** Ends the body (and the exchange). */
    public ChannelFuture end() {
      return finish(channel.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT));
    }

    /** Ends the body with a last piece. */
    public ChannelFuture end(ByteBuf last) {
      return finish(channel.writeAndFlush(new DefaultLastHttpContent(last)));
    }

    /** Whether the connection is still open (a streaming endpoint stops when the client left). */
    public boolean open() {
      return channel.isActive();
    }
  }

  public static String json(Object value) {
    try {
      return JSON_OUT.asString(value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static ByteBuf utf8(String s) {
    return Unpooled.wrappedBuffer(s.getBytes(StandardCharsets.UTF_8));
  }

  private <T extends HttpResponse> T prepare(T response) {
    answered = true;
    // The request's version decides: an HTTP/1.0 client that asked to keep alive is told so.
    HttpUtil.setKeepAlive(response.headers(), request.protocolVersion(), keepAlive());
    return response;
  }

  private ChannelFuture finish(ChannelFuture written) {
    if (!keepAlive()) {
      written.addListener(ChannelFutureListener.CLOSE);
    }
    return written;
  }
}
