package dev.nettool.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

class CommandSnapshotTest {
  private static final CliContext CTX = new CliContext(InputStream.nullInputStream(), System.out, System.err,
      Map.of(), new CompletableFuture<>(), false);

  static Stream<String> commands() {
    return Nettool.COMMANDS.stream().map(c -> c.getAnnotation(CommandLine.Command.class).name());
  }

  @Test
  void theSnapshotInTheBuildIsWhatTheAnnotationsSayNow() {
    assertThat(CommandSnapshotText.text()).as("the build writes the snapshot class").isNotNull();
    assertThat(CommandSnapshotText.text()).isEqualTo(CommandSnapshot.capture());
  }

  @ParameterizedTest
  @MethodSource("commands")
  void everyOptionAndParameterParsesAsOnTheAnnotatedModel(String name) {
    CommandSpec annotated = Nettool.commandLine(CTX, false, name).getSubcommands().get(name).getCommandSpec();
    CommandSpec snapshot = CommandSnapshot.spec(name, new ContextFactory(CTX));
    assertThat(snapshot).as(name).isNotNull();
    assertThat(describeOptions(snapshot)).isEqualTo(describeOptions(annotated));
    assertThat(describePositionals(snapshot)).isEqualTo(describePositionals(annotated));
    assertThat(snapshot.name()).isEqualTo(name);
  }

  @Test
  void aCommandTheSnapshotDoesNotNameIsLeftToTheAnnotatedModel() {
    assertThat(CommandSnapshot.spec("no-such-command", new ContextFactory(CTX))).isNull();
    assertThat(CommandSnapshot.records("no-such-command")).isNull();
    assertThat(Nettool.runFromSnapshot(CTX, false, null, "no-such-command")).isNull();
  }

  @Test
  void helpVersionAndBadOptionsReadExactlyAsOnTheAnnotatedModel() {
    for (String[] args : List.of(
        new String[] {"tcp-client", "--help"},
        new String[] {"tcp-client", "127.0.0.1:9", "-V"},
        new String[] {"tcp-client", "127.0.0.1:9", "--bogus"},
        new String[] {"udp-client", "127.0.0.1:9", "--wait", "soon"},
        new String[] {"http-server", "--port", "70000"},
        new String[] {"ws-client"})) {
      Run fast = run(args);
      Run annotated = runAnnotated(args);
      assertThat(fast.code).as(String.join(" ", args)).isEqualTo(annotated.code);
      assertThat(fast.out).as(String.join(" ", args)).isEqualTo(annotated.out);
      assertThat(fast.err).as(String.join(" ", args)).isEqualTo(annotated.err);
      assertThat(fast.out + fast.err).as(String.join(" ", args)).isNotBlank();
    }
  }

  @Test
  void aCommandsOwnVersionFlagPrintsTheVersion() {
    Run version = run("tcp-client", "127.0.0.1:9", "-V");
    assertThat(version.code).isZero();
    assertThat(version.out).startsWith("nettool ").contains("\nnetty ").contains("transports:");
  }

  @Test
  void aUsageErrorTheCommandRaisesItselfIsReportedOnceFromTheSnapshotModel() {
    Run fast = run("wait-for", "--", "true");
    assertThat(fast.code).isEqualTo(2);
    assertThat(fast.err).isEqualTo("nettool: usage: Missing required parameter: 'TARGET' (before --)\n"
        + "Try 'nettool wait-for --help' for more information.\n");
  }

  @Test
  void aCommandLineThatParsesRunsOnTheSnapshotModel() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    CliContext ctx = new CliContext(InputStream.nullInputStream(), new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), Map.of(), new CompletableFuture<>(), false);
    // Port 1 on loopback refuses: exit 3 with the one-line error, decided by the parsed options.
    Integer code = Nettool.runFromSnapshot(ctx, false, CommandSnapshot.records("tcp-client"), "tcp-client",
        "127.0.0.1:1", "--connect-timeout", "2s");
    assertThat(code).isEqualTo(3);
    assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("nettool: cannot connect to 127.0.0.1:1");
  }

  private record Run(int code, String out, String err) {}

  private static Run run(String... args) {
    return run(true, args);
  }

  private static Run runAnnotated(String... args) {
    return run(false, args);
  }

  private static Run run(boolean snapshot, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    CliContext ctx = new CliContext(InputStream.nullInputStream(), new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), Map.of(), new CompletableFuture<>(), false);
    int code = snapshot ? Nettool.run(ctx, args) : Nettool.commandLine(ctx, false, args[0]).execute(args);
    return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  private static List<String> describeOptions(CommandSpec spec) {
    List<String> lines = new ArrayList<>();
    for (OptionSpec o : spec.options()) {
      lines.add(String.join(",", o.names()) + " " + describe(o) + " negatable=" + o.negatable()
          + " fallback=" + o.fallbackValue() + " usageHelp=" + o.usageHelp() + " versionHelp=" + o.versionHelp());
    }
    lines.sort(null);
    return lines;
  }

  private static List<String> describePositionals(CommandSpec spec) {
    List<String> lines = new ArrayList<>();
    for (PositionalParamSpec p : spec.positionalParameters()) {
      lines.add("index=" + p.index() + "/" + p.index().isUnspecified() + " " + describe(p));
    }
    return lines;
  }

  private static String describe(ArgSpec a) {
    List<String> converters = new ArrayList<>();
    for (CommandLine.ITypeConverter<?> c : a.converters()) {
      converters.add(c.getClass().getName());
    }
    CommandLine.Model.ITypeInfo t = a.typeInfo();
    return "arity=" + a.arity() + "/" + a.arity().isUnspecified()
        + " type=" + a.type().getName() + " aux=" + Arrays.toString(a.auxiliaryTypes())
        + " converters=" + converters + " default=" + a.defaultValue() + " split=" + a.splitRegex()
        + " required=" + a.required() + " label=" + a.paramLabel() + " hidden=" + a.hidden()
        + " mapFallback=" + a.mapFallbackValue() + " initial=" + a.initialValue()
        + " multi=" + t.isMultiValue() + " optional=" + t.isOptional() + " collection=" + t.isCollection()
        + " map=" + t.isMap() + " array=" + t.isArray() + " boolean=" + t.isBoolean() + " enum=" + t.isEnum()
        + " interactive=" + a.interactive();
  }
}
