package dev.nettool.cli.http;

import dev.nettool.cli.CliContext;
import dev.nettool.clients.http.HttpRequestBody;
import dev.nettool.clients.http.HttpRequestSpec;
import dev.nettool.clients.http.HttpUrl;
import dev.nettool.protocols.ExitCode;
import dev.nettool.protocols.NettoolException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Option;

/** What {@code http-client} sends, with curl's flags: method, headers, credentials, cookies and the body. */
final class HttpRequestOptions {
  private static final String FORM = "application/x-www-form-urlencoded";

  @Option(names = {"-X", "--request"}, paramLabel = "METHOD", description = "The method (default GET, or POST with a body).")
  String method;

  @Option(names = {"-H", "--header"}, paramLabel = "'NAME: VALUE'",
      description = "Send this header (repeatable); it replaces nettool's own. 'NAME:' removes one.")
  List<String> headers = new ArrayList<>();

  @Option(names = {"-d", "--data"}, paramLabel = "DATA",
      description = "POST DATA as a form (repeatable, joined with &); @FILE reads it without CR/LF, @- reads stdin.")
  List<String> data = new ArrayList<>();

  @Option(names = "--data-binary", paramLabel = "DATA",
      description = "POST DATA as it is; @FILE streams the file unchanged, @- reads stdin.")
  String dataBinary;

  @Option(names = "--json", paramLabel = "DATA",
      description = "POST DATA (or @FILE) as JSON: Content-Type and Accept application/json.")
  String json;

  @Option(names = {"-F", "--form"}, paramLabel = "NAME=VALUE",
      description = "Add a multipart/form-data field (repeatable); NAME=@FILE[;type=T] uploads a file, streamed.")
  List<String> form = new ArrayList<>();

  @Option(names = {"-u", "--user"}, paramLabel = "USER:PASS", description = "Basic authentication.")
  String user;

  @Option(names = {"-b", "--cookie"}, paramLabel = "NAME=VALUE", description = "Send cookies (repeatable).")
  List<String> cookies = new ArrayList<>();

  @Option(names = {"-I", "--head"}, description = "Send HEAD and print the response head only.")
  boolean head;

  /** The request these options describe, to {@code url}. */
  HttpRequestSpec spec(HttpUrl url, CliContext ctx) {
    int bodies = (data.isEmpty() ? 0 : 1) + (dataBinary == null ? 0 : 1) + (json == null ? 0 : 1)
        + (form.isEmpty() ? 0 : 1);
    if (bodies > 1) {
      throw usage("--data", "give one of -d, --data-binary, --json and -F");
    }
    if (head && bodies > 0) {
      throw usage("--head", "a HEAD request has no body");
    }
    HttpRequestBody body = body(ctx);
    List<Map.Entry<String, String>> h = new ArrayList<>();
    if (json != null) {
      h.add(entry("Accept", "application/json"));
    }
    if (user != null) {
      if (user.indexOf(':') < 0) {
        throw usage("--user", "expected USER:PASS");
      }
      h.add(entry("Authorization", "Basic " + Base64.getEncoder().encodeToString(user.getBytes(StandardCharsets.UTF_8))));
    }
    if (!cookies.isEmpty()) {
      for (String c : cookies) {
        if (c.indexOf('=') < 0) {
          throw usage("--cookie", "'" + c + "': expected NAME=VALUE (cookie files are not read)");
        }
      }
      h.add(entry("Cookie", String.join("; ", cookies)));
    }
    for (String line : headers) {
      h.add(header(line));
    }
    String m = method != null ? method.toUpperCase(Locale.ROOT) : head ? "HEAD" : bodies > 0 ? "POST" : "GET";
    return new HttpRequestSpec(m, url, h, body);
  }

  private HttpRequestBody body(CliContext ctx) {
    if (!data.isEmpty()) {
      List<String> parts = new ArrayList<>();
      for (String d : data) {
        parts.add(d.startsWith("@") ? new String(read(d.substring(1), "--data", ctx), StandardCharsets.UTF_8)
            .replace("\r", "").replace("\n", "") : d);
      }
      return new HttpRequestBody.Bytes(String.join("&", parts).getBytes(StandardCharsets.UTF_8), FORM);
    }
    if (dataBinary != null) {
      if (dataBinary.startsWith("@") && !dataBinary.equals("@-")) {
        return new HttpRequestBody.FileData(readable(Path.of(dataBinary.substring(1)), "--data-binary"), FORM);
      }
      return new HttpRequestBody.Bytes(bytes(dataBinary, "--data-binary", ctx), FORM);
    }
    if (json != null) {
      return new HttpRequestBody.Bytes(bytes(json, "--json", ctx), "application/json");
    }
    if (!form.isEmpty()) {
      List<HttpRequestBody.Part> parts = new ArrayList<>();
      for (String f : form) {
        parts.add(part(f));
      }
      return new HttpRequestBody.Multipart(parts);
    }
    return new HttpRequestBody.Empty();
  }

  private static HttpRequestBody.Part part(String spec) {
    int eq = spec.indexOf('=');
    if (eq <= 0) {
      throw usage("--form", "'" + spec + "': expected NAME=VALUE or NAME=@FILE");
    }
    String name = spec.substring(0, eq);
    String value = spec.substring(eq + 1);
    if (!value.startsWith("@")) {
      return HttpRequestBody.Part.value(name, value);
    }
    String file = value.substring(1);
    String type = null;
    int semi = file.indexOf(";type=");
    if (semi >= 0) {
      type = file.substring(semi + ";type=".length());
      file = file.substring(0, semi);
    }
    return HttpRequestBody.Part.file(name, readable(Path.of(file), "--form"), type);
  }

  private static byte[] bytes(String value, String option, CliContext ctx) {
    return value.startsWith("@") ? read(value.substring(1), option, ctx) : value.getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] read(String file, String option, CliContext ctx) {
    try {
      if (file.equals("-")) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        ctx.in().transferTo(all);
        return all.toByteArray();
      }
      return Files.readAllBytes(readable(Path.of(file), option));
    } catch (IOException e) {
      throw usage(option, "cannot read " + file + ": " + e.getMessage());
    }
  }

  private static Path readable(Path file, String option) {
    if (Files.isDirectory(file) || !Files.isReadable(file)) {
      String why = Files.isDirectory(file) ? "is a directory" : Files.exists(file) ? "permission denied"
          : "no such file";
      throw usage(option, "cannot read " + file + ": " + why);
    }
    return file;
  }

  private static Map.Entry<String, String> header(String line) {
    int colon = line.indexOf(':');
    if (colon <= 0) {
      throw usage("--header", "'" + line + "': expected 'NAME: VALUE'");
    }
    String name = line.substring(0, colon).trim();
    String value = line.substring(colon + 1).trim();
    if (name.isEmpty() || name.chars().anyMatch(c -> c <= ' ' || c >= 0x7f) || value.indexOf('\r') >= 0
        || value.indexOf('\n') >= 0) {
      throw usage("--header", "'" + line + "' is not a valid header");
    }
    return entry(name, value);
  }

  private static Map.Entry<String, String> entry(String k, String v) {
    return new AbstractMap.SimpleImmutableEntry<>(k, v);
  }

  private static NettoolException usage(String option, String detail) {
    return new NettoolException(ExitCode.USAGE, option, detail);
  }
}
