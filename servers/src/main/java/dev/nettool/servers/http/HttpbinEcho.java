package dev.nettool.servers.http;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.jr.ob.JSON;
import io.netty.buffer.ByteBufUtil;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.multipart.Attribute;
import io.netty.handler.codec.http.multipart.DefaultHttpDataFactory;
import io.netty.handler.codec.http.multipart.FileUpload;
import io.netty.handler.codec.http.multipart.HttpPostRequestDecoder;
import io.netty.handler.codec.http.multipart.InterfaceHttpData;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * httpbin's request echo, built from one exchange: {@code args}, {@code headers}, {@code origin},
 * {@code url}, and for requests with a body {@code data}, {@code form}, {@code files}, {@code json}.
 * Keys come out sorted, as httpbin's JSON does; a key seen once is a string, seen several times an array.
 */
final class HttpbinEcho {
  private HttpbinEcho() {}

  /** The most fields a form body may have: werkzeug's default, where Netty's (128) is low for a test server. */
  static final int MAX_FORM_FIELDS = 1000;

  /**
   * The body could not be decoded as the form its Content-Type announces (400), or has more fields than
   * {@link #MAX_FORM_FIELDS} (413).
   */
  static final class MalformedBodyException extends Exception {
    private final HttpResponseStatus status;

    MalformedBodyException(String message, Throwable cause) {
      this(HttpResponseStatus.BAD_REQUEST, message, cause);
    }

    MalformedBodyException(HttpResponseStatus status, String message, Throwable cause) {
      super(message, cause);
      this.status = status;
    }

    HttpResponseStatus status() {
      return status;
    }
  }

  /**
   * {@code args}, {@code headers}, {@code origin}, {@code url}: what {@code /get} answers; over TLS with a
   * client certificate also {@code client_cert}: its {@code subject} and {@code sha256} fingerprint.
   */
  static Map<String, Object> basic(HttpExchange ex) {
    Map<String, Object> out = new TreeMap<>();
    out.put("args", collapse(ex.query()));
    out.put("headers", headers(ex));
    out.put("origin", origin(ex));
    out.put("url", url(ex));
    HttpConnection.ClientCertificate cert = ex.connection().clientCertificate();
    if (cert != null) {
      Map<String, Object> shown = new TreeMap<>();
      shown.put("sha256", cert.sha256());
      shown.put("subject", cert.subject());
      out.put("client_cert", shown);
    }
    return out;
  }

  /** {@link #basic} plus {@code data}, {@code form}, {@code files} and {@code json}: what {@code /post} answers. */
  static Map<String, Object> withBody(HttpExchange ex) throws MalformedBodyException {
    Map<String, Object> out = basic(ex);
    Map<String, List<String>> form = new LinkedHashMap<>();
    Map<String, List<String>> files = new LinkedHashMap<>();
    byte[] raw = ByteBufUtil.getBytes(ex.body());
    String data = "";
    if (isForm(ex)) {
      decodeForm(ex, form, files);
    } else {
      data = text(raw, HttpHeaderValues.APPLICATION_OCTET_STREAM.toString());
    }
    out.put("data", data);
    out.put("form", collapse(form));
    out.put("files", collapse(files));
    out.put("json", isForm(ex) ? null : parseJson(raw));
    return out;
  }

  /** The request headers, names in Title-Case, repeated ones joined with a comma. */
  static Map<String, Object> headers(HttpExchange ex) {
    Map<String, List<String>> byName = new LinkedHashMap<>();
    ex.headers().iteratorAsString()
        .forEachRemaining(h -> byName.computeIfAbsent(titleCase(h.getKey()), k -> new ArrayList<>()).add(h.getValue()));
    Map<String, Object> out = new TreeMap<>();
    byName.forEach((name, values) -> out.put(name, String.join(",", values)));
    return out;
  }

  /** The client's IP address. */
  static String origin(HttpExchange ex) {
    SocketAddress remote = ex.connection().remote();
    if (remote instanceof InetSocketAddress inet) {
      return inet.getAddress() != null ? inet.getAddress().getHostAddress() : inet.getHostString();
    }
    return "unix";
  }

  /** {@code scheme://host}, the host from the Host header (the server's own address without one). */
  static String base(HttpExchange ex) {
    String host = ex.headers().get(HttpHeaderNames.HOST);
    if (host == null || host.isEmpty()) {
      SocketAddress local = ex.channel().localAddress();
      host = local instanceof InetSocketAddress inet ? inet.getHostString() + ":" + inet.getPort() : "localhost";
    }
    return ex.scheme() + "://" + host;
  }

  /** The full URL of the request, query included. */
  static String url(HttpExchange ex) {
    String uri = ex.request().uri();
    return uri.startsWith("/") ? base(ex) + uri : uri;
  }

  /** One value per key when it came once, the list of them when it came several times. */
  static Map<String, Object> collapse(Map<String, List<String>> multi) {
    Map<String, Object> out = new TreeMap<>();
    multi.forEach((k, v) -> out.put(k, v.size() == 1 ? v.get(0) : List.copyOf(v)));
    return out;
  }

  /** Bytes as UTF-8 text, or a {@code data:} URL with base64 when they are not valid UTF-8 (as httpbin). */
  static String text(byte[] bytes, String contentType) {
    String text = strictUtf8(bytes);
    return text != null ? text : "data:" + contentType + ";base64," + Base64.getEncoder().encodeToString(bytes);
  }

  static boolean isUtf8(byte[] bytes) {
    return strictUtf8(bytes) != null;
  }

  private static String strictUtf8(byte[] bytes) {
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }

  /** Python's {@code str.title()} on a header name: {@code x-b3-traceid} becomes {@code X-B3-Traceid}. */
  static String titleCase(String name) {
    StringBuilder b = new StringBuilder(name.length());
    boolean afterLetter = false;
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      b.append(afterLetter ? Character.toLowerCase(c) : Character.toUpperCase(c));
      afterLetter = Character.isLetter(c);
    }
    return b.toString();
  }

  /** The body parsed as JSON whatever its Content-Type (as httpbin), or null when it is not JSON. */
  static Object parseJson(byte[] raw) {
    if (raw.length == 0) {
      return null;
    }
    try (JsonParser parser = JSON.std.getStreamingFactory().createParser(raw)) {
      Object value = JSON.std.anyFrom(parser);
      return parser.nextToken() == null ? value : null;
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  private static boolean isForm(HttpExchange ex) {
    String type = ex.headers().get(HttpHeaderNames.CONTENT_TYPE);
    if (type == null) {
      return false;
    }
    String t = type.toLowerCase(Locale.ROOT);
    return t.startsWith(HttpHeaderValues.APPLICATION_X_WWW_FORM_URLENCODED.toString())
        || t.startsWith(HttpHeaderValues.MULTIPART_FORM_DATA.toString());
  }

  /**
   * Urlencoded or multipart fields and files, held in memory: the server has already bounded the body by
   * {@code --max-body}, and the decoder is bounded by it again. So the decoder's own bound on what it buffers
   * of one field (1 KiB by default, which a long field of a whole body would trip) is off.
   */
  private static void decodeForm(HttpExchange ex, Map<String, List<String>> form, Map<String, List<String>> files)
      throws MalformedBodyException {
    Charset charset = HttpUtil.getCharset(ex.request(), StandardCharsets.UTF_8);
    FullHttpRequest full = new DefaultFullHttpRequest(ex.request().protocolVersion(), ex.method(), ex.request().uri(),
        ex.body().retainedDuplicate(), ex.headers(), EmptyHttpHeaders.INSTANCE);
    PartsMade factory = new PartsMade(charset);
    factory.setMaxLimit(ex.config().maxBody());
    try {
      HttpPostRequestDecoder decoder = new HttpPostRequestDecoder(factory, full, charset, MAX_FORM_FIELDS, -1);
      try {
        for (InterfaceHttpData part : decoder.getBodyHttpDatas()) {
          if (part instanceof FileUpload file) {
            String type = file.getContentType() == null ? "application/octet-stream" : file.getContentType();
            files.computeIfAbsent(file.getName(), k -> new ArrayList<>()).add(text(file.get(), type));
          } else if (part instanceof Attribute field) {
            form.computeIfAbsent(field.getName(), k -> new ArrayList<>()).add(field.getValue());
          }
        }
        if (decoder.currentPartialHttpData() != null) {
          throw new MalformedBodyException("malformed form body: a part is cut short", null);
        }
      } finally {
        decoder.destroy();
      }
    } catch (HttpPostRequestDecoder.TooManyFormFieldsException e) {
      throw new MalformedBodyException(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE,
          "form body has more than " + MAX_FORM_FIELDS + " fields", e);
    } catch (HttpPostRequestDecoder.ErrorDataDecoderException
        | HttpPostRequestDecoder.NotEnoughDataDecoderException
        | IllegalArgumentException
        | IOException e) {
      throw new MalformedBodyException("malformed form body: " + e.getMessage(), e);
    } finally {
      // What the decoder let go of before or without destroy() (a part cut short, a field over the limit).
      factory.releaseAll();
      full.release();
    }
  }

  /**
   * A factory of in-memory form parts that remembers every part it made, so that none is left unreleased: the
   * decoder's {@code destroy()} releases only the parts it finished, not one cut short or one it made and then
   * refused (a field over {@link #MAX_FORM_FIELDS}).
   */
  private static final class PartsMade extends DefaultHttpDataFactory {
    private final List<InterfaceHttpData> made = new ArrayList<>();

    PartsMade(Charset charset) {
      super(false, charset);
    }

    @Override
    public Attribute createAttribute(HttpRequest request, String name) {
      return made(super.createAttribute(request, name));
    }

    @Override
    public Attribute createAttribute(HttpRequest request, String name, long definedSize) {
      return made(super.createAttribute(request, name, definedSize));
    }

    @Override
    public Attribute createAttribute(HttpRequest request, String name, String value) {
      return made(super.createAttribute(request, name, value));
    }

    @Override
    public FileUpload createFileUpload(HttpRequest request, String name, String filename, String contentType,
        String contentTransferEncoding, Charset charset, long size) {
      return made(super.createFileUpload(request, name, filename, contentType, contentTransferEncoding, charset,
          size));
    }

    private <T extends InterfaceHttpData> T made(T part) {
      made.add(part);
      return part;
    }

    void releaseAll() {
      for (InterfaceHttpData part : made) {
        if (part.refCnt() > 0) {
          part.release();
        }
      }
      made.clear();
    }
  }
}
