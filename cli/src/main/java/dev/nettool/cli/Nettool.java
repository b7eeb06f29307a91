package dev.nettool.cli;

import dev.nettool.cli.cert.CertCommand;
import dev.nettool.cli.http.HttpClientCommand;
import dev.nettool.cli.http.HttpServerCommand;
import dev.nettool.cli.http.HttpsServerCommand;
import dev.nettool.cli.tcp.TcpClientCommand;
import dev.nettool.cli.tcp.TcpEchoCommand;
import dev.nettool.cli.tcp.TcpServerCommand;
import dev.nettool.cli.udp.UdpClientCommand;
import dev.nettool.cli.udp.UdpEchoCommand;
import dev.nettool.cli.udp.UdpServerCommand;
import dev.nettool.cli.wait.WaitForCommand;
import dev.nettool.cli.ws.WsClientCommand;
import dev.nettool.cli.ws.WsServerCommand;
import dev.nettool.protocols.ExitCode;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The one place where the {@link CommandLine} is wired: subcommands, the factory that hands each
 * command its {@link CliContext}, exit-code mapping, error rendering. Tests use it too.
 */
@Command(
    name = "nettool",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Network test servers and clients: TCP, UDP, HTTP(S) with HTTP/2, WebSocket, on one Netty event loop.")
public final class Nettool implements Runnable {
  /** Every command, in the order {@code --help} lists them. */
  static final List<Class<?>> COMMANDS = List.of(
      TcpEchoCommand.class,
      TcpServerCommand.class,
      TcpClientCommand.class,
      UdpServerCommand.class,
      UdpEchoCommand.class,
      UdpClientCommand.class,
      HttpServerCommand.class,
      HttpsServerCommand.class,
      HttpClientCommand.class,
      WsServerCommand.class,
      WsClientCommand.class,
      WaitForCommand.class,
      CertCommand.class);

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "a command is required");
  }

  /** Runs one command line and returns the process exit code. */
  public static int run(CliContext ctx, String... args) {
    boolean debug = Arrays.asList(args).contains("--debug");
    String first = args.length > 0 ? args[0] : null;
    if (first != null) {
      List<String[]> records = CommandSnapshot.records(first);
      Integer code = DirectCommandLine.run(ctx, debug, records, args);
      if (code == null) {
        code = runFromSnapshot(ctx, debug, records, args);
      }
      if (code != null) {
        return code;
      }
    }
    return commandLine(ctx, debug, first).execute(args);
  }

  /**
   * Runs a command line on the command model from the build's {@link CommandSnapshot}, without
   * reading annotations; null when it cannot: no snapshot of that command, a command line that does
   * not parse, or one asking for help or the version. Nothing has run then, and the caller parses
   * the same arguments on the annotated model, whose messages and help are the whole ones.
   */
  static Integer runFromSnapshot(CliContext ctx, boolean debug, List<String[]> records, String... args) {
    ContextFactory factory = new ContextFactory(ctx);
    CommandLine.Model.CommandSpec sub = CommandSnapshot.spec(records, args[0], factory);
    if (sub == null) {
      return null;
    }
    // The command's own line, under a bare "nettool" spec that only names it (usage errors say
    // "nettool tcp-client"): a second CommandLine would register picocli's converters again.
    sub.parent(CommandLine.Model.CommandSpec.create().name("nettool"));
    CommandLine cl = new CommandLine(sub, factory);
    configure(cl, ctx, debug);
    SnapshotRun run = new SnapshotRun(new UsageErrorHandler(ctx));
    cl.setParameterExceptionHandler(run);
    cl.setExecutionStrategy(run);
    int code = cl.execute(Arrays.copyOfRange(args, 1, args.length));
    return run.handOver ? null : code;
  }

  /**
   * Hands a command line back to the annotated model when it does not parse or asks for help or
   * the version, before anything has run; runs it otherwise.
   */
  private static final class SnapshotRun implements CommandLine.IParameterExceptionHandler,
      CommandLine.IExecutionStrategy {
    private final UsageErrorHandler usage;
    private final CommandLine.IExecutionStrategy runLast = new CommandLine.RunLast();
    private boolean parsed;
    private boolean handOver;

    SnapshotRun(UsageErrorHandler usage) {
      this.usage = usage;
    }

    @Override
    public int handleParseException(CommandLine.ParameterException ex, String[] args) throws Exception {
      if (parsed) {
        return usage.handleParseException(ex, args); // raised by the command itself, as on the annotated model
      }
      handOver = true;
      return 0;
    }

    @Override
    public int execute(CommandLine.ParseResult result) {
      parsed = true;
      if (result.isUsageHelpRequested() || result.isVersionHelpRequested()) {
        handOver = true;
        return 0;
      }
      return runLast.execute(result);
    }
  }

  /** The fully wired command line for {@code ctx}, with every command. */
  public static CommandLine commandLine(CliContext ctx, boolean debug) {
    return commandLine(ctx, debug, null);
  }

  /**
   * The command line for {@code ctx}. When {@code first} names a command, only that command's model
   * is built: picocli reflects over every option of every command it is given, which is most of a
   * short client's start-up time. Anything else ({@code --help}, a typo) gets all of them.
   */
  static CommandLine commandLine(CliContext ctx, boolean debug, String first) {
    CommandLine cl = new CommandLine(new Nettool(), new ContextFactory(ctx));
    Class<?> only = COMMANDS.stream().filter(c -> nameOf(c).equals(first)).findFirst().orElse(null);
    for (Class<?> command : COMMANDS) {
      if (only == null || command == only) {
        cl.addSubcommand(nameOf(command), command);
      }
    }
    configure(cl, ctx, debug);
    cl.setParameterExceptionHandler(new UsageErrorHandler(ctx));
    Map<String, String> codes = exitCodeList();
    applyExitCodes(cl, codes);
    return cl;
  }

  /** What both models share: streams, error handling, no @FILE expansion. */
  private static void configure(CommandLine cl, CliContext ctx, boolean debug) {
    // curl's -d @FILE, --data-binary @FILE and -F name=@FILE name files: picocli must not expand them itself.
    cl.setExpandAtFiles(false);
    cl.setOut(new PrintWriter(ctx.out(), true));
    cl.setErr(new PrintWriter(ctx.err(), true));
    cl.setExecutionExceptionHandler(new ErrorHandler(ctx, debug));
    cl.setExitCodeExceptionMapper(ErrorHandler::exitCodeOf);
  }

  private static void applyExitCodes(CommandLine cl, Map<String, String> codes) {
    cl.getCommandSpec().usageMessage().exitCodeListHeading("%nExit codes:%n").exitCodeList(codes);
    // A command's own -V prints what nettool --version prints.
    cl.getCommandSpec().versionProvider(new VersionProvider());
    cl.getSubcommands().values().forEach(sub -> applyExitCodes(sub, codes));
  }

  private static String nameOf(Class<?> command) {
    return command.getAnnotation(Command.class).name();
  }

  private static Map<String, String> exitCodeList() {
    Map<String, String> codes = new LinkedHashMap<>();
    for (ExitCode c : ExitCode.values()) {
      // Right-aligned in three columns; not String.format, whose start-up a one-shot run would pay.
      String code = Integer.toString(c.code());
      codes.put("   ".substring(Math.min(3, code.length())) + code, c.meaning());
    }
    return codes;
  }
}
