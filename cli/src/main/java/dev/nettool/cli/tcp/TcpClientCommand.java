package dev.nettool.cli.tcp;

import dev.nettool.cli.CliContext;
import dev.nettool.cli.ClientLifetime;
import dev.nettool.cli.options.Converters;
import dev.nettool.cli.options.ExpectOptions;
import dev.nettool.cli.options.HexOptions;
import dev.nettool.cli.options.OutputOptions;
import dev.nettool.cli.options.TlsClientOptions;
import dev.nettool.cli.options.TransportOptions;
import dev.nettool.clients.tcp.TcpClient;
import dev.nettool.clients.tcp.TcpClientConfig;
import dev.nettool.clients.tcp.TcpClientConnection;
import dev.nettool.clients.tcp.TcpClientOutput;
import dev.nettool.clients.tcp.TcpClientResult;
import dev.nettool.protocols.ExitCode;
import dev.nettool.protocols.NettoolException;
import dev.nettool.protocols.address.Endpoint;
import dev.nettool.protocols.event.EventSink;
import dev.nettool.protocols.expect.Expectation;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code nettool tcp-client TARGET}: stdin to the socket and the socket to stdout, like {@code nc -N}. */
@Command(name = "tcp-client", header = "nc-like TCP client: stdin to the socket, the socket to stdout", mixinStandardHelpOptions = true,
    resourceBundle = "dev.nettool.cli.tcp.TcpClientCommand",
    description = {
        "Connect to TARGET, copy stdin to it and what it sends to stdout, byte for",
        "byte (like nc -N). At the end of stdin (or of --data/--data-file) the client",
        "finishes sending (FIN) and reads on until the peer closes; the peer finishing",
        "(FIN) ends the run.",
        "When stdin is a terminal, lines are edited with history and sent with \\n,",
        "what arrives is printed above the prompt, Ctrl-D finishes sending and Ctrl-C",
        "quits."})
public final class TcpClientCommand implements Callable<Integer> {
  private final CliContext ctx;

  @Parameters(index = "0", paramLabel = "TARGET", converter = Converters.EndpointConverter.class,
      description = "HOST:PORT, [v6]:PORT, unix:/path or tcp://HOST:PORT.")
  Endpoint target;

  @Option(names = "--no-delay", description = "Turn Nagle's algorithm off (TCP_NODELAY); it is on by default.")
  boolean noDelay;

  @Option(names = "--connect-timeout", paramLabel = "DURATION", converter = Converters.DurationConverter.class,
      defaultValue = "10s", description = "Give up connecting after DURATION, exit 3 (default: ${DEFAULT-VALUE}).")
  Duration connectTimeout;

  @Option(names = "--timeout", paramLabel = "DURATION", converter = Converters.DurationConverter.class,
      description = "Bound the whole run (500ms, 5s, 2m); running out exits 124.")
  Duration timeout;

  @Mixin TcpClientInputOptions input;
  @Mixin TransportOptions transport;
  @Mixin OutputOptions output;
  @Mixin HexOptions hex;
  @Mixin ExpectOptions expect;
  @Option(names = "--tls", description = "Speak TLS (1.2 and 1.3), verifying the server against the system's CAs.")
  boolean useTls;

  @Mixin TlsClientOptions tls;

  TcpClientCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    Expectation expectation = expect.expectation().orElse(null);
    TcpClientConfig config = config();
    Optional<Consumer<TcpClientConnection>> sender = input.sender(ctx);
    if (sender.isEmpty()) {
      return interactive(config, expectation);
    }
    EventSink sink = output.clientPrinter(ctx.err());
    TcpClientOutput out = hex.hex() ? TcpClientOutput.hexDump(ctx.out()) : TcpClientOutput.raw(ctx.out());
    return run(config, expectation, sink, out, sender.get(), new CompletableFuture<>());
  }

  private int interactive(TcpClientConfig config, Expectation expectation) {
    try (TcpClientConsole console = TcpClientConsole.open()) {
      EventSink sink = output.clientPrinter(console.printer());
      return run(config, expectation, sink, console.output(hex.hex()), console::start, console.interrupted());
    } catch (IOException e) {
      throw new NettoolException(ExitCode.FAILURE, "cannot use the terminal", String.valueOf(e.getMessage()), e);
    }
  }

  private int run(TcpClientConfig config, Expectation expectation, EventSink sink, TcpClientOutput out,
      Consumer<TcpClientConnection> sender, CompletableFuture<Integer> interrupted) {
    try (TcpClient client = new TcpClient(config, sink)) {
      CompletableFuture<Integer> outcome = client.connect(out, expectation)
          .thenCompose(connection -> {
            sender.accept(connection);
            return connection.closed();
          })
          .thenApply(result -> exitCode(result, expectation))
          .applyToEither(interrupted, code -> code);
      return ClientLifetime.await(ctx, outcome, timeout, "tcp-client " + target.display());
    }
  }

  private int exitCode(TcpClientResult result, Expectation expectation) {
    if (result.expectationMet()) {
      return ExitCode.OK.code();
    }
    if (result.tlsFailed()) {
      throw new NettoolException(ExitCode.TLS, "tls", result.error());
    }
    if (result.error() != null) {
      throw new NettoolException(ExitCode.FAILURE, "connection to " + target.display() + " failed", result.error());
    }
    if (expectation != null) {
      throw new NettoolException(ExitCode.FAILURE, "expectation not met", expectation.describe()
          + " not received before the connection closed (" + result.bytesIn() + " bytes received)");
    }
    return ExitCode.OK.code();
  }

  private TcpClientConfig config() {
    if (connectTimeout.isZero()) {
      throw new NettoolException(ExitCode.USAGE, "--connect-timeout", "must be more than 0");
    }
    if (timeout != null && timeout.isZero()) {
      throw new NettoolException(ExitCode.USAGE, "--timeout", "must be more than 0");
    }
    if (!useTls) {
      tls.refuse("--tls");
    }
    return new TcpClientConfig(target, transport.kind(), noDelay, connectTimeout,
        useTls ? tls.config(ctx.err()) : null);
  }
}
