package dev.nettool.servers.http;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * {@code POST /upload} and {@code PUT /upload}: the body streams through SHA-256 and, with
 * {@code --upload-dir}, into files there, never whole in memory. A {@code multipart/form-data} body is
 * split into its parts (each reported; those with a file name saved), any other body is one file named by
 * {@code ?filename=} ({@code upload.bin} by default). Answers
 * {@code {"files":[{"field","filename","size","sha256","saved"}],"bytes"}}: 201 when something was
 * saved, 200 otherwise.
 */
final class HttpUploadRoutes implements HttpRouteGroup {
  // The body of a refused upload goes nowhere: the connection closes once the refusal is out.
  private static final HttpBodySink IGNORED = new HttpBodySink() {
    @Override
    public void content(ByteBuf chunk) {}

    @Override
    public void end() {}

    @Override
    public void abort(Throwable cause) {}
  };

  private final Executor disk;

  /** Routes writing files on {@code disk}, an executor that runs one task at a time, in order. */
  HttpUploadRoutes(Executor disk) {
    this.disk = disk;
  }

  /**
   * The routes of one server with their disk thread: started on the first upload, gone after a second
   * without work, so a server that takes no uploads has none and nothing needs shutting down.
   */
  static HttpUploadRoutes withDiskThread() {
    ThreadPoolExecutor disk = new ThreadPoolExecutor(0, 1, 1, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
      Thread t = new Thread(r, "nettool-upload");
      t.setDaemon(true);
      return t;
    });
    return new HttpUploadRoutes(disk);
  }

  @Override
  public void addTo(HttpRouteTable.Builder table) {
    table.add(HttpRoute.streaming(HttpMethod.POST, "/upload", this::upload));
    table.add(HttpRoute.streaming(HttpMethod.PUT, "/upload", this::upload));
  }

  HttpBodySink upload(HttpExchange ex) {
    String type = ex.headers().get(HttpHeaderNames.CONTENT_TYPE);
    String boundary = HttpMultipartParser.boundary(type);
    if (boundary == null && type != null && type.toLowerCase(Locale.ROOT).startsWith("multipart/form-data")) {
      ex.closeAfterResponse();
      ex.respondJson(HttpResponseStatus.BAD_REQUEST,
          Map.of("error", "multipart/form-data needs a boundary of 1-70 characters"));
      return IGNORED;
    }
    return new HttpUploadSink(ex, boundary, HttpUploadNames.sanitize(ex.queryParam("filename")), disk);
  }
}
