package dev.nettool.clients.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpChunkedInput;
import io.netty.handler.codec.http.HttpConstants;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.multipart.Attribute;
import io.netty.handler.codec.http.multipart.DefaultHttpDataFactory;
import io.netty.handler.codec.http.multipart.HttpPostRequestEncoder;
import io.netty.handler.codec.http.multipart.MemoryAttribute;
import io.netty.handler.stream.ChunkedNioFile;
import java.io.IOException;
import java.net.URLConnection;
import java.util.Map;

/**
 * Turns a {@link HttpRequestSpec} into what goes on the wire: the head with the headers the client adds
 * ({@code Host}, {@code User-Agent}, {@code Accept}, {@code Accept-Encoding}, the body's type and length)
 * unless the user gave them, then the body. An empty {@code -H 'Name:'} removes a header, as in curl.
 */
final class HttpClientRequests {
  private HttpClientRequests() {}

  /** Whether sending {@code body} needs {@code ChunkedWriteHandler} in the pipeline. */
  static boolean streams(HttpRequestBody body) {
    return body instanceof HttpRequestBody.FileData || body instanceof HttpRequestBody.Multipart;
  }

  /** Writes the request as HTTP/1.1; the future fails when a body file cannot be read. */
  static ChannelFuture write(Channel ch, HttpRequestSpec spec, HttpClientConfig config) throws IOException {
    return write(ch, spec, config, HttpVersion.HTTP_1_1);
  }

  /**
   * Writes the request marked with {@code version} (what {@code -v} shows; an HTTP/2 stream's codec turns
   * the head into frames whatever it says).
   */
  static ChannelFuture write(Channel ch, HttpRequestSpec spec, HttpClientConfig config, HttpVersion version)
      throws IOException {
    HttpRequestBody body = spec.body();
    if (body instanceof HttpRequestBody.FileData file) {
      HttpRequest req = new DefaultHttpRequest(version, HttpMethod.valueOf(spec.method()), spec.url().target());
      ChunkedNioFile chunks = new ChunkedNioFile(file.file().toFile());
      headers(req.headers(), spec, config, body.contentType(), chunks.length());
      ch.write(req);
      return ch.writeAndFlush(new HttpChunkedInput(chunks));
    }
    if (body instanceof HttpRequestBody.Multipart form) {
      return writeForm(ch, spec, config, new DefaultHttpRequest(version, HttpMethod.valueOf(spec.method()),
          spec.url().target()), form);
    }
    FullHttpRequest req = full(spec, config);
    return ch.writeAndFlush(version.equals(HttpVersion.HTTP_1_1) ? req : req.setProtocolVersion(version));
  }

  /** The whole request when its body is in memory (or absent): what the load generator encodes once. */
  static FullHttpRequest full(HttpRequestSpec spec, HttpClientConfig config) {
    HttpMethod method = HttpMethod.valueOf(spec.method());
    if (spec.body() instanceof HttpRequestBody.Bytes bytes) {
      ByteBuf content = Unpooled.wrappedBuffer(bytes.data());
      FullHttpRequest req = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, method, spec.url().target(), content);
      headers(req.headers(), spec, config, bytes.contentType(), content.readableBytes());
      return req;
    }
    if (!(spec.body() instanceof HttpRequestBody.Empty)) {
      throw new IllegalArgumentException("the body is streamed from a file");
    }
    FullHttpRequest req = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, method, spec.url().target());
    headers(req.headers(), spec, config, null, -1);
    return req;
  }

  private static ChannelFuture writeForm(Channel ch, HttpRequestSpec spec, HttpClientConfig config,
      HttpRequest req, HttpRequestBody.Multipart form) throws IOException {
    headers(req.headers(), spec, config, null, -1);
    try {
      HttpPostRequestEncoder encoder = new HttpPostRequestEncoder(new FormParts(), req, true);
      for (HttpRequestBody.Part part : form.parts()) {
        if (part.file() == null) {
          encoder.addBodyAttribute(part.name(), part.value());
        } else {
          String type = part.contentType() != null ? part.contentType() : guessType(part.file().getFileName().toString());
          encoder.addBodyFileUpload(part.name(), part.file().toFile(), type, false);
        }
      }
      HttpRequest head = encoder.finalizeRequest();
      if (!encoder.isChunked()) {
        return ch.writeAndFlush(head); // a full request: head and body at once
      }
      ch.write(head);
      return ch.writeAndFlush(encoder);
    } catch (HttpPostRequestEncoder.ErrorDataEncoderException e) {
      throw new IOException(e.getMessage(), e);
    }
  }

  /**
   * A form's parts as they are sent: a file part on disk, where it only refers to the user's file and is read
   * chunk by chunk as it goes out; a text field in memory. Netty's disk factory would write each text field to
   * a temporary file of its own ({@code Attr_...}), which only a clean JVM exit deletes.
   */
  private static final class FormParts extends DefaultHttpDataFactory {
    FormParts() {
      super(true);
    }

    @Override
    public Attribute createAttribute(HttpRequest request, String name, String value) {
      try {
        return new MemoryAttribute(name, value, HttpConstants.DEFAULT_CHARSET);
      } catch (IOException e) {
        throw new IllegalArgumentException(e); // a memory attribute takes any value
      }
    }
  }

  static String guessType(String fileName) {
    String t = URLConnection.guessContentTypeFromName(fileName);
    return t != null ? t : "application/octet-stream";
  }

  // Spelled as curl spells them: servers do not care, people reading -v output do.
  private static void headers(HttpHeaders h, HttpRequestSpec spec, HttpClientConfig config, String contentType,
      long length) {
    h.set("Host", spec.url().hostHeader());
    h.set("User-Agent", config.userAgent());
    h.set("Accept", "*/*");
    if (config.compressed()) {
      h.set("Accept-Encoding", "gzip, deflate");
    }
    if (contentType != null) {
      h.set("Content-Type", contentType);
    }
    if (length >= 0) {
      h.set("Content-Length", length);
    }
    // A header the user names replaces the client's own (an empty value just removes it); repeats are all sent.
    for (Map.Entry<String, String> e : spec.headers()) {
      h.remove(e.getKey());
    }
    for (Map.Entry<String, String> e : spec.headers()) {
      if (!e.getValue().isEmpty()) {
        h.add(e.getKey(), e.getValue());
      }
    }
  }
}
