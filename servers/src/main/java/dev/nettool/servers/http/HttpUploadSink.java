package dev.nettool.servers.http;

import com.fasterxml.jackson.jr.ob.JSON;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;

/**
 * Takes an upload as it streams in: the raw body as one file, or each part of a multipart body. Every
 * file is hashed (SHA-256) on the way through and, with an upload directory, written there by a
 * {@link HttpUploadSpool}; nothing is held whole. Counts the bytes against {@code --max-body} (413).
 */
final class HttpUploadSink implements HttpBodySink, HttpMultipartParser.Listener {
  /** Most parts one multipart upload may have. */
  static final int MAX_PARTS = 1000;

  private static final JSON JSON_OUT = JSON.std.with(JSON.Feature.PRETTY_PRINT_OUTPUT, JSON.Feature.WRITE_NULL_PROPERTIES);

  private final HttpExchange exchange;
  private final HttpMultipartParser parser;
  private final HttpUploadSpool spool;
  private final List<Part> parts = new ArrayList<>();
  private Part current;
  private long received;
  private boolean done;

  /** One file (or form field) of the upload. */
  private static final class Part {
    final String field;
    final String filename;
    final MessageDigest sha256;
    final HttpUploadSpool.SpoolFile file;
    long size;
    String hash;

    Part(String field, String filename, HttpUploadSpool.SpoolFile file) {
      this.field = field;
      this.filename = filename;
      this.file = file;
      try {
        this.sha256 = MessageDigest.getInstance("SHA-256");
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException("SHA-256 is part of every JDK", e);
      }
    }
  }

  /**
   * A sink for a multipart body when {@code boundary} is given, else for a raw body named {@code name};
   * files are written on {@code disk}.
   */
  HttpUploadSink(HttpExchange exchange, String boundary, String name, Executor disk) {
    this.exchange = exchange;
    Path dir = exchange.config().uploadDir();
    this.spool = dir == null ? null : new HttpUploadSpool(dir, exchange, disk);
    this.parser = boundary == null ? null : new HttpMultipartParser(boundary, this);
    if (parser == null) {
      current = newPart(null, name);
    }
  }

  @Override
  public void content(ByteBuf chunk) {
    if (done) {
      return;
    }
    received += chunk.readableBytes();
    if (received > exchange.config().maxBody()) {
      fail(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, "body over " + exchange.config().maxBody() + " bytes");
      return;
    }
    if (parser == null) {
      partData(chunk);
      return;
    }
    try {
      parser.feed(chunk);
    } catch (HttpMultipartParser.MalformedException | IllegalArgumentException e) {
      fail(HttpResponseStatus.BAD_REQUEST, e.getMessage());
    }
  }

  @Override
  public void end() {
    if (done) {
      return;
    }
    if (parser != null && !parser.complete()) {
      fail(HttpResponseStatus.BAD_REQUEST, "the multipart body ends before its closing boundary");
      return;
    }
    if (parser == null) {
      partEnd();
    }
    done = true;
    release();
    if (spool == null) {
      answer();
    } else {
      spool.finish(failure -> {
        if (failure != null) {
          exchange.respondJson(HttpResponseStatus.INTERNAL_SERVER_ERROR,
              Map.of("error", "could not save the upload: " + failure.getMessage()));
        } else {
          answer();
        }
      });
    }
  }

  @Override
  public void abort(Throwable cause) {
    if (!done) {
      done = true;
      release();
      if (spool != null) {
        spool.discard();
      }
    }
  }

  @Override
  public void partStart(Map<String, String> headers) {
    if (parts.size() >= MAX_PARTS) {
      throw new IllegalArgumentException("an upload has at most " + MAX_PARTS + " parts");
    }
    Map<String, String> disposition = HttpMultipartParser.parameters(headers.getOrDefault("content-disposition", ""));
    String filename = disposition.get("filename");
    current = newPart(disposition.get("name"), filename == null ? null : HttpUploadNames.sanitize(filename));
  }

  @Override
  public void partData(ByteBuf data) {
    Part p = current;
    for (ByteBuffer b : data.nioBuffers()) {
      p.sha256.update(b);
    }
    p.size += data.readableBytes();
    if (p.file != null && data.isReadable()) {
      // The data is only valid during this call; the spool gets its own copy.
      spool.write(p.file, ByteBufUtil.readBytes(exchange.channel().alloc(), data.duplicate(), data.readableBytes()));
    }
  }

  @Override
  public void partEnd() {
    current.hash = HexFormat.of().formatHex(current.sha256.digest());
    if (current.file != null) {
      spool.close(current.file);
    }
    current = null;
  }

  // A part is saved when there is an upload directory and it is a file (a raw body always is).
  private Part newPart(String field, String filename) {
    Part p = new Part(field, filename, spool != null && filename != null ? spool.create(filename) : null);
    parts.add(p);
    return p;
  }

  private void answer() {
    List<Map<String, Object>> files = new ArrayList<>();
    boolean saved = false;
    for (Part p : parts) {
      Map<String, Object> f = new LinkedHashMap<>();
      f.put("field", p.field);
      f.put("filename", p.filename);
      f.put("size", p.size);
      f.put("sha256", p.hash);
      f.put("saved", p.file == null ? null : p.file.path().toString());
      saved |= p.file != null;
      files.add(f);
    }
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("files", files);
    answer.put("bytes", received);
    // Written here rather than by respondJson: an unsaved file says "saved": null instead of leaving it out.
    exchange.respond(saved ? HttpResponseStatus.CREATED : HttpResponseStatus.OK, HttpHeaderValues.APPLICATION_JSON,
        Unpooled.copiedBuffer(json(answer), StandardCharsets.UTF_8));
  }

  // A failure mid-body: answer, and close after it since the rest of the body will not be read.
  private void fail(HttpResponseStatus status, String why) {
    abort(null);
    if (!exchange.answered()) {
      exchange.closeAfterResponse();
      exchange.respondJson(status, Map.of("error", why));
    }
  }

  private static String json(Object value) {
    try {
      return JSON_OUT.asString(value) + "\n";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void release() {
    if (parser != null) {
      parser.release();
    }
  }
}
