package dev.nettool.cli.wait;

import dev.nettool.cli.CliContext;
import dev.nettool.cli.ClientLifetime;
import dev.nettool.cli.options.Converters;
import dev.nettool.cli.options.OutputOptions;
import dev.nettool.cli.options.TransportOptions;
import dev.nettool.clients.http.HttpStatusPattern;
import dev.nettool.clients.http.HttpUrl;
import dev.nettool.clients.wait.WaitFor;
import dev.nettool.clients.wait.WaitForConfig;
import dev.nettool.clients.wait.WaitForOutcome;
import dev.nettool.protocols.ExitCode;
import dev.nettool.protocols.NettoolException;
import dev.nettool.protocols.address.Endpoint;
import dev.nettool.protocols.unit.Durations;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code nettool wait-for TARGET... [--timeout 30s] [--interval 200ms] [-- CMD ARGS]}, like wait-for-it. */
@Command(name = "wait-for", header = "Wait until targets accept connections, then run a command", mixinStandardHelpOptions = true,
    resourceBundle = "dev.nettool.cli.wait.WaitForCommand",
    customSynopsis = "nettool wait-for [OPTIONS] TARGET... [-- CMD [ARG...]]",
    description = {"Wait until every TARGET accepts a connection (an http:// TARGET: answers",
        "a GET with --expect-status), then exit 0; or, given",
        "-- CMD ARGS, run CMD with nettool's stdin, stdout, stderr and environment",
        "and exit with its status (like wait-for-it). Targets are probed in parallel",
        "every --interval until --timeout; a host name that does not resolve yet",
        "counts as not up yet. Quiet unless -v (wait/ready lines on stderr) or --json."},
    footerHeading = "%nWith -- CMD:%n",
    footer = {"  CMD's own exit status (128+N when signal N killed it); 126 when CMD is",
        "  not executable, 127 when it is not found. SIGTERM to nettool is passed",
        "  on to CMD; SIGINT (Ctrl-C) reaches CMD from the terminal itself."})
public final class WaitForCommand implements Callable<Integer> {
  private final CliContext ctx;

  @Spec CommandSpec spec;
  @Mixin OutputOptions output;
  @Mixin TransportOptions transport;

  @Parameters(paramLabel = "TARGET", arity = "1..*",
      description = "HOST:PORT, [v6]:PORT, tcp://HOST:PORT, unix:/path or http://HOST:PORT/PATH; after --, the "
          + "command to run.")
  List<String> words;

  @Option(names = {"-t", "--timeout"}, paramLabel = "DURATION", converter = Converters.DurationConverter.class,
      defaultValue = "30s",
      description = "Give up after this long, exit 124; 0 waits forever (default: ${DEFAULT-VALUE}).")
  Duration timeout;

  @Option(names = "--interval", paramLabel = "DURATION", converter = Converters.DurationConverter.class,
      defaultValue = "200ms", description = "Time between attempts on a target (default: ${DEFAULT-VALUE}).")
  Duration interval;

  @Option(names = "--connect-timeout", paramLabel = "DURATION", converter = Converters.DurationConverter.class,
      defaultValue = "2s", description = "How long one connection attempt may take (default: ${DEFAULT-VALUE}).")
  Duration connectTimeout;

  @Option(names = "--expect-status", paramLabel = "STATUS", split = ",", defaultValue = "2xx",
      description = "An http:// target is ready when it answers with one of these: 200, 2xx (default: ${DEFAULT-VALUE}).")
  List<String> expectStatus;

  WaitForCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    WaitForArguments args = WaitForArguments.split(words, spec.commandLine().getParseResult().expandedArgs());
    if (args.targets().isEmpty()) {
      throw new ParameterException(spec.commandLine(), "Missing required parameter: 'TARGET' (before --)");
    }
    WaitForConfig config = new WaitForConfig(targets(args), httpTargets(args), statuses(), timeout,
        positive(interval, "--interval"), positive(connectTimeout, "--connect-timeout"), transport.kind());
    try (WaitFor waitFor = new WaitFor(config, output.clientPrinter(ctx.err()))) {
      int code = ClientLifetime.await(ctx, waitFor.start().thenApply(this::exitCode), null, "wait-for");
      if (code != ExitCode.OK.code() || args.command().isEmpty()) {
        return code;
      }
    }
    return ChildCommand.run(ctx, args.command());
  }

  private int exitCode(WaitForOutcome outcome) {
    if (outcome.allReady()) {
      return ExitCode.OK.code();
    }
    String names = String.join(", ", outcome.pending());
    boolean http = outcome.pending().stream().anyMatch(WaitForConfig::isHttpTarget);
    throw new NettoolException(ExitCode.TIMEOUT, "timed out",
        names + " did not " + (http ? "come up" : "accept a connection") + " within " + Durations.spoken(timeout));
  }

  private List<Endpoint> targets(WaitForArguments args) {
    List<Endpoint> targets = new ArrayList<>();
    for (String word : args.targets()) {
      if (WaitForConfig.isHttpTarget(word)) {
        continue;
      }
      try {
        targets.add(WaitForConfig.parseTarget(word));
      } catch (IllegalArgumentException e) {
        throw new ParameterException(spec.commandLine(), "Invalid TARGET " + e.getMessage());
      }
    }
    return targets;
  }

  private List<HttpUrl> httpTargets(WaitForArguments args) {
    List<HttpUrl> urls = new ArrayList<>();
    for (String word : args.targets()) {
      if (WaitForConfig.isHttpTarget(word)) {
        try {
          urls.add(WaitForConfig.parseHttpTarget(word));
        } catch (IllegalArgumentException e) {
          throw new ParameterException(spec.commandLine(), e.getMessage());
        }
      }
    }
    return urls;
  }

  private List<HttpStatusPattern> statuses() {
    List<HttpStatusPattern> out = new ArrayList<>();
    for (String s : expectStatus) {
      try {
        out.add(HttpStatusPattern.parse(s));
      } catch (IllegalArgumentException e) {
        throw new ParameterException(spec.commandLine(), "Invalid value for option '--expect-status': "
            + e.getMessage());
      }
    }
    return out;
  }

  private Duration positive(Duration d, String option) {
    if (d.toMillis() < 1) {
      throw new ParameterException(spec.commandLine(),
          "Invalid value for option '" + option + "': must be at least 1ms");
    }
    return d;
  }
}
