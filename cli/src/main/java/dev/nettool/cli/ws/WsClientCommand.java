package dev.nettool.cli.ws;

import dev.nettool.cli.CliContext;
import dev.nettool.cli.ClientLifetime;
import dev.nettool.cli.options.Converters;
import dev.nettool.cli.options.ExpectOptions;
import dev.nettool.cli.options.OutputOptions;
import dev.nettool.cli.options.TlsClientOptions;
import dev.nettool.cli.options.TransportOptions;
import dev.nettool.clients.tcp.TcpClientOutput;
import dev.nettool.clients.ws.WsClient;
import dev.nettool.clients.ws.WsClientConfig;
import dev.nettool.clients.ws.WsClientConnection;
import dev.nettool.clients.ws.WsClientResult;
import dev.nettool.clients.ws.WsClientRun;
import dev.nettool.clients.ws.WsUrl;
import dev.nettool.protocols.ExitCode;
import dev.nettool.protocols.NettoolException;
import dev.nettool.protocols.event.EventPrinter;
import dev.nettool.protocols.event.EventSink;
import dev.nettool.protocols.event.Verbosity;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.TypeConversionException;

/** {@code nettool ws-client URL}: a WebSocket REPL on a terminal, a clean pipe otherwise. */
@Command(name = "ws-client", header = "WebSocket client: an interactive prompt on a terminal, a clean pipe otherwise",
    mixinStandardHelpOptions = true, resourceBundle = "dev.nettool.cli.ws.WsClientCommand",
    description = {
        "Connect to a ws:// or wss:// URL. Piped: each stdin line is one text message",
        "(--binary: stdin in chunks as binary messages), each message received is one",
        "line on stdout (--binary: raw bytes, no separators); at the end of stdin the",
        "client sends a close frame (1000) and exits 0 once the server answers it.",
        "On a terminal: a prompt with history; what arrives is printed above it as",
        "'< …'; /ping [data], /close [code] [reason], /binary HEX, /quit (or Ctrl-D);",
        "//text sends /text. A refused upgrade exits 7 with the HTTP status."})
public final class WsClientCommand implements Callable<Integer> {
  private final CliContext ctx;

  @Parameters(index = "0", paramLabel = "URL", converter = UrlConverter.class,
      description = "ws://HOST[:PORT]/PATH or wss://HOST[:PORT]/PATH.")
  WsUrl url;

  @Option(names = "--connect-timeout", paramLabel = "DURATION", converter = Converters.DurationConverter.class,
      defaultValue = "10s", description = "Give up connecting after DURATION, exit 3; the upgrade gets as long, "
          + "then exits 7 (default: ${DEFAULT-VALUE}).")
  Duration connectTimeout;

  @Option(names = "--timeout", paramLabel = "DURATION", converter = Converters.DurationConverter.class,
      description = "Bound the whole run (500ms, 5s, 2m); running out exits 124.")
  Duration timeout;

  @Mixin WsClientRequestOptions request;
  @Mixin WsClientMessageOptions messages;
  @Mixin ExpectOptions expect;
  @Mixin TransportOptions transport;
  @Mixin OutputOptions output;
  @Mixin TlsClientOptions tls;

  WsClientCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    WsClientConfig config = config();
    if (messages.hasData() || !ctx.stdinIsTerminal()) {
      WsClientRun run = messages.run(expect.expectation().orElse(null), messages.pipeFormat());
      return run(config, run, output.clientPrinter(ctx.err()), TcpClientOutput.raw(ctx.out()),
          c -> messages.feed(c, ctx.in(), run), new CompletableFuture<>());
    }
    WsClientRun run = messages.run(expect.expectation().orElse(null), new WsConsoleFormat());
    try (WsClientConsole console = WsClientConsole.open()) {
      // A person is watching: connect, pings and closes are shown (messages too with -v), above the prompt.
      EventSink sink = new EventPrinter(console.printer(), output.json(),
          output.verbose() ? Verbosity.VERBOSE : Verbosity.NORMAL, false);
      return run(config, run, sink, console.output(), c -> console.start(c, run), console.interrupted());
    } catch (IOException e) {
      throw new NettoolException(ExitCode.FAILURE, "cannot use the terminal", String.valueOf(e.getMessage()), e);
    }
  }

  private int run(WsClientConfig config, WsClientRun run, EventSink sink, TcpClientOutput out,
      Consumer<WsClientConnection> sender, CompletableFuture<Integer> interrupted) {
    try (WsClient client = new WsClient(config, sink)) {
      CompletableFuture<Integer> outcome = client.connect(out, run)
          .thenCompose(connection -> {
            sender.accept(connection);
            return connection.closed();
          })
          .thenApply(result -> exitCode(result, run))
          .applyToEither(interrupted, code -> code);
      return ClientLifetime.await(ctx, outcome, timeout, "ws-client " + url);
    }
  }

  private int exitCode(WsClientResult result, WsClientRun run) {
    if (result.expectationMet()) {
      return ExitCode.OK.code();
    }
    if (result.tlsFailed()) {
      throw new NettoolException(ExitCode.TLS, "tls", result.error());
    }
    if (result.error() != null) {
      throw new NettoolException(ExitCode.FAILURE, "connection to " + url + " failed", result.error());
    }
    if (run.expectation() != null) {
      throw new NettoolException(ExitCode.FAILURE, "expectation not met", run.expectation().describe()
          + " not received before the connection closed (" + result.messagesIn() + " messages received)");
    }
    if (run.count() > 0 && result.messagesIn() < run.count()) {
      throw new NettoolException(ExitCode.FAILURE, "count not reached", result.messagesIn() + " of " + run.count()
          + " messages received before the connection closed");
    }
    if (result.serverClosed() && !normalClose(result.closeCode())) {
      throw new NettoolException(ExitCode.FAILURE, "ws-client", "the server closed with " + result.closeCode()
          + (result.closeReason().isEmpty() ? "" : " " + result.closeReason()));
    }
    return ExitCode.OK.code();
  }

  // 1000 normal, 1001 going away, 1005 no code: a server ending the session, not a failure.
  private static boolean normalClose(Integer code) {
    return code == null || code == 1000 || code == 1001 || code == 1005;
  }

  private WsClientConfig config() {
    if (connectTimeout.isZero()) {
      throw new NettoolException(ExitCode.USAGE, "--connect-timeout", "must be more than 0");
    }
    if (timeout != null && timeout.isZero()) {
      throw new NettoolException(ExitCode.USAGE, "--timeout", "must be more than 0");
    }
    WsClientConfig config = request.apply(WsClientConfig.to(url))
        .withTransport(transport.kind())
        .withConnectTimeout(connectTimeout);
    if (!url.secure()) {
      tls.refuse("a wss:// URL");
      return config;
    }
    return config.withTls(tls.config(ctx.err()));
  }

  /** {@code ws://…} or {@code wss://…}. */
  static final class UrlConverter implements ITypeConverter<WsUrl> {
    @Override
    public WsUrl convert(String value) {
      try {
        return WsUrl.parse(value);
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException(e.getMessage());
      }
    }
  }
}
