package dev.nettool.servers.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.jr.ob.JSON;
import dev.nettool.protocols.unit.Durations;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses scripted routes into {@link HttpRoute}s, checking everything at start-up: a bad route is an
 * {@link IllegalArgumentException} whose message starts with the quoted spec or file it is about.
 *
 * <p>{@code --route} is {@code METHOD PATH STATUS [BODY]}: METHOD is a method or {@code *}/{@code ANY};
 * PATH may hold {@code {name}} parameters and end in {@code *}; STATUS is 200-599; BODY is the rest of the
 * line, {@code @FILE} for a file's bytes, and may start with {@code Content-Type:TYPE} to set the type.
 * Without it the type comes from the file's extension, else from the body: text that parses as a JSON
 * object or array is {@code application/json}, other UTF-8 text {@code text/plain; charset=utf-8}, anything
 * else {@code application/octet-stream}.
 *
 * <p>{@code --routes FILE} is a JSON array of objects with {@code method} (default any), {@code path},
 * {@code status} (default 200), {@code headers} (an object), {@code body} (a string; any other JSON value
 * is sent as JSON) or {@code file} (relative to the routes file), and {@code delay} ({@code "500ms"}).
 */
public final class HttpScriptedRoutes {
  private static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS",
      "TRACE");
  private static final Set<String> KEYS = Set.of("method", "path", "status", "headers", "body", "file", "delay");
  private static final Pattern SPEC = Pattern.compile("\\s*(\\S+)\\s+(\\S+)\\s+(\\S+)(?:\\s+(.*))?", Pattern.DOTALL);
  private static final Pattern CONTENT_TYPE = Pattern.compile("(?i)content-type:\\s*(\\S+)(?:\\s+(.*))?",
      Pattern.DOTALL);
  private static final Pattern PARAM = Pattern.compile("\\{([^/{}]+)}");
  private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");

  private HttpScriptedRoutes() {}

  /** One {@code --route} spec; a {@code @FILE} body is read now, relative to the working directory. */
  public static HttpRoute parse(String spec) {
    try {
      return parseSpec(spec).toRoute();
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("'" + spec + "': " + e.getMessage(), e);
    }
  }

  /** The routes of a {@code --routes} JSON file, in order. */
  public static List<HttpRoute> parseFile(Path file) {
    try {
      Object doc = JSON.std.anyFrom(Files.readString(file, StandardCharsets.UTF_8));
      if (!(doc instanceof List<?> list)) {
        throw new IllegalArgumentException("expected a JSON array of routes");
      }
      List<HttpRoute> routes = new ArrayList<>();
      for (int i = 0; i < list.size(); i++) {
        routes.add(entry(list.get(i), i + 1, file.toAbsolutePath().getParent()).toRoute());
      }
      return routes;
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException("'" + file + "': no such file", e);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("'" + file + "': not valid JSON at line " + e.getLocation().getLineNr()
          + ": " + e.getOriginalMessage().lines().findFirst().orElse(""), e);
    } catch (IOException e) {
      throw new IllegalArgumentException("'" + file + "': cannot read it: " + e.getMessage(), e);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("'" + file + "': " + e.getMessage(), e);
    }
  }

  private static HttpScriptedRoute parseSpec(String spec) {
    Matcher m = SPEC.matcher(spec);
    if (!m.matches()) {
      throw new IllegalArgumentException("expected METHOD PATH STATUS [BODY]");
    }
    String rest = m.group(4) == null ? "" : m.group(4);
    HttpHeaders headers = new DefaultHttpHeaders();
    Matcher type = CONTENT_TYPE.matcher(rest);
    if (type.matches()) {
      headers.set(HttpHeaderNames.CONTENT_TYPE, type.group(1));
      rest = type.group(2) == null ? "" : type.group(2);
    }
    Body body = rest.startsWith("@") ? Body.file(Path.of(rest.substring(1).trim())) : Body.inline(rest);
    return route(method(m.group(1)), m.group(2), status(m.group(3)), headers, body, Duration.ZERO);
  }

  private static HttpScriptedRoute entry(Object value, int n, Path base) {
    try {
      if (!(value instanceof Map<?, ?> map)) {
        throw new IllegalArgumentException("expected an object");
      }
      for (Object key : map.keySet()) {
        if (!KEYS.contains(key)) {
          throw new IllegalArgumentException("unknown key '" + key + "' (known: method, path, status, headers, "
              + "body, file, delay)");
        }
      }
      return entry(map, base);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("route " + n + ": " + e.getMessage(), e);
    }
  }

  private static HttpScriptedRoute entry(Map<?, ?> map, Path base) {
    Object path = map.get("path");
    if (!(path instanceof String)) {
      throw new IllegalArgumentException("\"path\" is required and must be a string");
    }
    Object status = map.get("status");
    HttpHeaders headers = new DefaultHttpHeaders();
    if (map.get("headers") instanceof Map<?, ?> h) {
      h.forEach((k, v) -> addHeader(headers, String.valueOf(k), String.valueOf(v)));
    } else if (map.containsKey("headers")) {
      throw new IllegalArgumentException("\"headers\" must be an object");
    }
    if (map.containsKey("body") && map.containsKey("file")) {
      throw new IllegalArgumentException("give \"body\" or \"file\", not both");
    }
    Body body = map.containsKey("file") ? Body.file(base.resolve(text(map, "file"))) : Body.of(map.get("body"));
    Duration delay = map.containsKey("delay") ? Durations.parse(text(map, "delay")) : Duration.ZERO;
    return route(map.containsKey("method") ? method(text(map, "method")) : null, (String) path,
        status == null ? HttpResponseStatus.OK : status(String.valueOf(status)), headers, body, delay);
  }

  private static String text(Map<?, ?> map, String key) {
    if (!(map.get(key) instanceof String s)) {
      throw new IllegalArgumentException("\"" + key + "\" must be a string");
    }
    return s;
  }

  private static HttpScriptedRoute route(HttpMethod method, String path, HttpResponseStatus status,
      HttpHeaders headers, Body body, Duration delay) {
    HttpPathPattern.parse(path);
    boolean bodiless = status.code() == 204 || status.code() == 304;
    if (bodiless && body.bytes().length > 0) {
      throw new IllegalArgumentException("a " + status.code() + " response has no body");
    }
    if (!headers.contains(HttpHeaderNames.CONTENT_TYPE) && body.bytes().length > 0) {
      headers.set(HttpHeaderNames.CONTENT_TYPE, body.contentType());
    }
    List<String> params = new ArrayList<>();
    if (body.inline()) {
      Matcher p = PARAM.matcher(path);
      String text = new String(body.bytes(), StandardCharsets.UTF_8);
      while (p.find()) {
        if (text.contains("{" + p.group(1) + "}")) {
          params.add(p.group(1));
        }
      }
    }
    return new HttpScriptedRoute(method, path, status, headers, body.bytes(), List.copyOf(params), delay);
  }

  private static void addHeader(HttpHeaders headers, String name, String value) {
    if (!TOKEN.matcher(name).matches() || value.chars().anyMatch(c -> (c < 0x20 && c != '\t') || c == 0x7f)) {
      throw new IllegalArgumentException("bad header '" + name + ": " + value + "'");
    }
    headers.add(name, value);
  }

  private static HttpMethod method(String text) {
    String m = text.toUpperCase(Locale.ROOT);
    if (m.equals("*") || m.equals("ANY")) {
      return null;
    }
    if (!METHODS.contains(m)) {
      throw new IllegalArgumentException("unknown method '" + text + "' (GET, HEAD, POST, PUT, PATCH, DELETE, "
          + "OPTIONS, TRACE, or * for any)");
    }
    return HttpMethod.valueOf(m);
  }

  private static HttpResponseStatus status(String text) {
    int code;
    try {
      code = Integer.parseInt(text);
    } catch (NumberFormatException e) {
      code = -1;
    }
    if (code < 200 || code > 599) {
      throw new IllegalArgumentException("status '" + text + "' is not a number 200-599");
    }
    return HttpResponseStatus.valueOf(code);
  }

  /** A route's body and where it came from (inline text may take path parameters; a file may not). */
  private record Body(byte[] bytes, boolean inline, String fileName) {

    static Body inline(String text) {
      return new Body(text.getBytes(StandardCharsets.UTF_8), true, null);
    }

    static Body of(Object json) {
      if (json == null) {
        return inline("");
      }
      if (json instanceof String s) {
        return inline(s);
      }
      return new Body((HttpExchange.json(json) + "\n").getBytes(StandardCharsets.UTF_8), true, "body.json");
    }

    static Body file(Path file) {
      try {
        return new Body(Files.readAllBytes(file), false, file.getFileName().toString());
      } catch (NoSuchFileException e) {
        throw new IllegalArgumentException("body file '" + file + "' does not exist", e);
      } catch (IOException e) {
        throw new IllegalArgumentException("cannot read body file '" + file + "': " + e.getMessage(), e);
      }
    }

    String contentType() {
      if (fileName != null && HttpMediaTypes.known(fileName)) {
        return HttpMediaTypes.of(fileName);
      }
      String text = new String(bytes, StandardCharsets.UTF_8);
      if (looksLikeJson(text)) {
        return "application/json";
      }
      boolean utf8 = Arrays.equals(text.getBytes(StandardCharsets.UTF_8), bytes);
      return utf8 ? "text/plain; charset=utf-8" : HttpMediaTypes.OCTET_STREAM;
    }

    private static boolean looksLikeJson(String text) {
      String t = text.strip();
      if (!(t.startsWith("{") || t.startsWith("["))) {
        return false;
      }
      try {
        JSON.std.anyFrom(t);
        return true;
      } catch (IOException e) {
        return false;
      }
    }
  }
}
