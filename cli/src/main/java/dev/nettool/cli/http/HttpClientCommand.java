package dev.nettool.cli.http;

import dev.nettool.cli.CliContext;
import dev.nettool.cli.ClientLifetime;
import dev.nettool.cli.UsageException;
import dev.nettool.cli.options.Converters;
import dev.nettool.cli.options.TlsClientOptions;
import dev.nettool.cli.options.TransportOptions;
import dev.nettool.clients.http.HttpClient;
import dev.nettool.clients.http.HttpClientConfig;
import dev.nettool.clients.http.HttpClientResult;
import dev.nettool.clients.http.HttpLoadConfig;
import dev.nettool.clients.http.HttpUrl;
import dev.nettool.clients.tcp.TcpClientOutput;
import dev.nettool.protocols.ExitCode;
import dev.nettool.protocols.NettoolException;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code nettool http-client URL}: one request like curl, or load mode with {@code --requests}/{@code --duration}. */
@Command(name = "http-client", header = "curl-like HTTP/1.1 and HTTP/2 client with assertions and a load mode",
    mixinStandardHelpOptions = true,
    description = {
        "Send one request to URL and write the response body to stdout, byte for",
        "byte (curl's flags where curl has them). https:// verifies the server against",
        "the system's CAs (or --cacert); a TLS failure exits 5 with the reason. With",
        "--requests N or --duration D, repeat it over --concurrency keep-alive",
        "connections instead and print the rate, latency percentiles, a status",
        "histogram and errors."})
public final class HttpClientCommand implements Callable<Integer> {
  private final CliContext ctx;


  @Parameters(index = "0", paramLabel = "URL",
      description = "http(s)://HOST[:PORT][/PATH][?QUERY]; [v6] hosts too.")
  String url;

  @Option(names = {"-i", "--include"}, description = "Write the response head to stdout before the body.")
  boolean include;

  @Option(names = {"-L", "--location"}, description = "Follow redirects (303 and 301/302 turn into GET).")
  boolean location;

  @Option(names = "--max-redirs", paramLabel = "N", defaultValue = "50",
      description = "Follow at most N redirects (default: ${DEFAULT-VALUE}).")
  int maxRedirects;

  @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write the body to FILE instead of stdout.")
  Path outputFile;

  @Option(names = "--compressed", description = "Ask for gzip or deflate, and inflate the body.")
  boolean compressed;

  @Option(names = "--json-output", description = "Print the response as one JSON object: status, headers, body, timings.")
  boolean jsonOutput;

  @Option(names = "--max-filesize", paramLabel = "SIZE", converter = Converters.SizeConverter.class,
      description = "Fail (exit 1) when the body is larger than SIZE (--json-output keeps at most 16MB).")
  Long maxFilesize;

  @Option(names = {"-m", "--timeout"}, paramLabel = "DURATION", converter = Converters.DurationConverter.class,
      description = "Bound the whole exchange, exit 124 (load mode: each request, default 10s).")
  Duration timeout;

  @Option(names = "--connect-timeout", paramLabel = "DURATION", converter = Converters.DurationConverter.class,
      defaultValue = "10s", description = "Give up connecting after DURATION, exit 124 (default: ${DEFAULT-VALUE}).")
  Duration connectTimeout;

  @Option(names = {"--http2", "--http2-prior-knowledge"},
      description = {"Speak HTTP/2: offered by ALPN over https:// (HTTP/1.1 when the server",
          "declines), by prior knowledge over http:// (no Upgrade). Both names mean this."})
  boolean http2;

  @Mixin HttpRequestOptions request;
  @Mixin HttpExpectOptions expect;
  @Mixin HttpLoadOptions load;
  @Mixin TransportOptions transport;
  @Mixin HttpOutputOptions output;
  @Mixin TlsClientOptions tls;

  HttpClientCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    HttpClientConfig config = config();
    if (!load.active() && load.streams != null) {
      throw new NettoolException(ExitCode.USAGE, "--streams", "only in load mode (--requests or --duration)");
    }
    if (!load.active() && load.warmUp != null) {
      throw new NettoolException(ExitCode.USAGE, "--warm-up", "only in load mode, with --duration");
    }
    return load.active() ? HttpLoadRun.run(ctx, config, loadConfig(config), jsonOutput, expect.fail())
        : single(config);
  }

  private int single(HttpClientConfig config) {
    try (OutputStream body = body(); HttpClient client = new HttpClient(config, output.printer(ctx.err()))) {
      int code = ClientLifetime.await(ctx, client.exchange(TcpClientOutput.raw(body)).thenApply(this::verdict),
          timeout, "http-client " + url);
      body.flush();
      return code;
    } catch (IOException e) {
      throw new NettoolException(ExitCode.FAILURE, "cannot write " + outputFile, String.valueOf(e.getMessage()), e);
    }
  }

  private int verdict(HttpClientResult result) {
    if (jsonOutput) {
      ctx.out().println(HttpResultJson.of(result));
      ctx.out().flush();
    }
    if (expect.fail() && result.status() >= 400) {
      throw new NettoolException(ExitCode.FAILURE, "request failed", result.url() + " answered " + result.status()
          + " " + result.reason());
    }
    List<String> failures = expect.expectations().failures(result);
    if (!failures.isEmpty()) {
      throw new NettoolException(ExitCode.FAILURE, "expectation not met", String.join("; ", failures));
    }
    return ExitCode.OK.code();
  }

  private OutputStream body() throws IOException {
    if (outputFile == null) {
      return new NonClosing(ctx.out());
    }
    return new BufferedOutputStream(Files.newOutputStream(outputFile), 64 << 10);
  }

  private HttpClientConfig config() {
    HttpUrl target = parseUrl();
    if (connectTimeout.isZero() || timeout != null && timeout.isZero()) {
      throw new NettoolException(ExitCode.USAGE, connectTimeout.isZero() ? "--connect-timeout" : "--timeout",
          "must be more than 0");
    }
    if (maxRedirects < 0) {
      throw new NettoolException(ExitCode.USAGE, "--max-redirs", "must not be negative");
    }
    if (jsonOutput && (include || request.head || outputFile != null)) {
      throw new NettoolException(ExitCode.USAGE, "--json-output", "the JSON holds the head and body: drop -i, -I, -o");
    }
    return HttpClientConfig.builder(request.spec(target, ctx))
        .transport(transport.kind())
        .connectTimeout(connectTimeout)
        .followRedirects(location)
        .maxRedirects(maxRedirects)
        .compressed(compressed)
        .failOnError(expect.fail())
        .includeHead(include || request.head)
        .aggregate(jsonOutput)
        .maxBody(maxFilesize == null ? 0 : maxFilesize)
        .expectations(expect.expectations())
        .userAgent(userAgent())
        .tls(tls.config(ctx.err()))
        .http2(http2)
        .build();
  }

  private static String userAgent() {
    Properties p = new Properties();
    try (InputStream in = HttpClientCommand.class.getResourceAsStream("/nettool-version.properties")) {
      if (in != null) {
        p.load(in);
      }
    } catch (IOException e) {
      // the version is a courtesy to the server, not worth failing for
    }
    return "nettool/" + p.getProperty("version", "unknown");
  }

  private HttpUrl parseUrl() {
    try {
      return HttpUrl.parse(url);
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
  }

  private HttpLoadConfig loadConfig(HttpClientConfig config) {
    if (include || location || outputFile != null || expect.checksBodyOrHeaders()) {
      throw new NettoolException(ExitCode.USAGE, "--requests", "load mode counts responses only: drop -i, -L, -o, "
          + "--expect-body, --expect-body-regex and --expect-header");
    }
    return load.config(config, timeout != null ? timeout : HttpLoadConfig.DEFAULT_REQUEST_TIMEOUT);
  }

  /** Stdout stays open after the body: the error handler and later lines still use it. */
  private static final class NonClosing extends java.io.FilterOutputStream {
    NonClosing(OutputStream out) {
      super(out);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
    }

    @Override
    public void close() throws IOException {
      flush();
    }
  }
}
