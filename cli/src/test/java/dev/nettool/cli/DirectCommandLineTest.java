package dev.nettool.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/**
 * The direct parser against picocli's annotated model: for every command, a command line per
 * option in each plain form, and all options at once; whenever picocli parses one, the direct
 * parser must set every field of the command and its mixins to the same value, and whenever
 * picocli refuses one, the direct parser must decline it.
 */
class DirectCommandLineTest {
  private static final CliContext CTX = new CliContext(InputStream.nullInputStream(), System.out, System.err,
      Map.of(), new CompletableFuture<>(), false);
  private static final String TMP = System.getProperty("java.io.tmpdir");

  static Stream<String> commands() {
    return Nettool.COMMANDS.stream().map(c -> c.getAnnotation(CommandLine.Command.class).name());
  }

  @ParameterizedTest
  @MethodSource("commands")
  void everyPlainCommandLineSetsTheSameFieldsAsPicocli(String name) throws Exception {
    List<String[]> records = CommandSnapshot.records(name);
    boolean wantsSpec = records.stream().anyMatch(f -> f[0].equals("S"));
    List<List<String>> lines = commandLines(records);
    int parsedByBoth = 0;
    for (List<String> line : lines) {
      String[] args = line.toArray(new String[0]);
      Object annotated = parseAnnotated(name, args);
      Object direct = DirectCommandLine.parse(records, args, new ContextFactory(CTX));
      String what = String.join(" ", line);
      if (wantsSpec || annotated == null) {
        assertThat(direct).as(what).isNull();
        continue;
      }
      assertThat(direct).as("the direct parser declined " + what).isNotNull();
      assertSameFields(what, annotated, direct);
      parsedByBoth++;
    }
    if (!wantsSpec) {
      assertThat(parsedByBoth).as(name + ": command lines both parsers took").isGreaterThan(lines.size() / 2);
    }
  }

  @Test
  void declinesEveryFormItDoesNotParseItself() {
    for (String[] args : List.of(
        new String[] {"tcp-client"},
        new String[] {"tcp-client", "127.0.0.1:9", "-qv"},
        new String[] {"tcp-client", "127.0.0.1:9", "--json", "--json"},
        new String[] {"tcp-client", "127.0.0.1:9", "--json=true"},
        new String[] {"tcp-client", "127.0.0.1:9", "--data", "a", "--data", "b"},
        new String[] {"tcp-client", "127.0.0.1:9", "--data", "-x"},
        new String[] {"tcp-client", "127.0.0.1:9", "--data"},
        new String[] {"tcp-client", "127.0.0.1:9", "--data="},
        new String[] {"tcp-client", "127.0.0.1:9", "--"},
        new String[] {"tcp-client", "127.0.0.1:9", "-"},
        new String[] {"tcp-client", "127.0.0.1:9", "extra"},
        new String[] {"tcp-client", "127.0.0.1:9", "--bogus"},
        new String[] {"tcp-client", "127.0.0.1:9", "--help"},
        new String[] {"tcp-client", "127.0.0.1:9", "-V"},
        new String[] {"tcp-client", "127.0.0.1:9", "--connect-timeout", "soon"},
        new String[] {"tcp-client", "not a target"},
        new String[] {"udp-client", "127.0.0.1:9", "127.0.0.1:10"})) {
      assertThat(DirectCommandLine.parse(CommandSnapshot.records(args[0]), args, new ContextFactory(CTX)))
          .as(String.join(" ", args)).isNull();
    }
    assertThat(DirectCommandLine.parse(null, new String[] {"x"}, new ContextFactory(CTX))).isNull();
  }

  @Test
  void numbersArePlainDecimalsOrLeftToPicocli() throws Exception {
    List<String[]> records = CommandSnapshot.records("tcp-echo");
    for (String count : List.of("010", "0x10", "+5", "99999999999999999999")) {
      assertThat(DirectCommandLine.parse(records, new String[] {"tcp-echo", "--count", count},
          new ContextFactory(CTX))).as(count).isNull();
    }
    Object echo = DirectCommandLine.parse(records, new String[] {"tcp-echo", "--count", "12"}, new ContextFactory(CTX));
    assertSameFields("--count 12", parseAnnotated("tcp-echo", new String[] {"tcp-echo", "--count", "12"}), echo);
  }

  /** The command lines tried for one command: each option alone in each of its forms, then all together. */
  private static List<List<String>> commandLines(List<String[]> records) {
    String name = records.get(0)[1];
    List<String> head = new ArrayList<>(List.of(name));
    for (String[] f : records) {
      if (f[0].equals("P") && (f[3].equals("0") || f[3].equals("0+"))) {
        head.add(sample(f[7], f[9]));
      }
    }
    List<List<String>> lines = new ArrayList<>();
    lines.add(head);
    List<String> all = new ArrayList<>(head);
    for (String[] f : records) {
      if (!f[0].equals("O") || f[1].equals("~")) {
        continue; // help and version are picocli's
      }
      String[] names = f[3].split(",");
      boolean flag = f[4].equals("0");
      boolean list = f[6].equals("java.util.List");
      String type = list ? f[7] : f[6];
      String value = sample(type, f[8]);
      if (!f[10].equals("=")) {
        value = value + f[10].substring(1) + value; // a split list: two values in one
      }
      for (String n : names) {
        List<String> line = new ArrayList<>(head);
        line.add(n);
        if (!flag) {
          line.add(value);
        }
        lines.add(line);
        if (!flag && n.startsWith("--")) {
          List<String> eq = new ArrayList<>(head);
          eq.add(n + "=" + value);
          lines.add(eq);
        }
      }
      String longest = names[names.length - 1];
      all.add(longest);
      if (!flag) {
        all.add(value);
        if (list) {
          all.add(longest);
          all.add(value);
        }
      }
    }
    lines.add(all);
    return lines;
  }

  /** A value a converter of that type accepts. */
  private static String sample(String type, String converters) {
    String conv = converters.isEmpty() ? "" : converters.substring(converters.lastIndexOf('$') + 1);
    switch (conv) {
      case "DurationConverter", "PositiveDuration":
        return "1500ms";
      case "SizeConverter":
        return "64";
      case "PortConverter":
        return "8080";
      case "EndpointConverter":
        return "127.0.0.1:9";
      case "TransportConverter":
        return "nio";
      case "UrlConverter":
        return "ws://127.0.0.1:9/x";
      case "DirectoryConverter":
        return TMP;
      case "MountConverter":
        return "/files=" + TMP;
      case "CredentialsConverter":
        return "user:secret";
      case "ModeConverter":
        return "echo";
      case "KeyTypeConverter":
        return "ec";
      default:
        break;
    }
    return switch (type) {
      case "int", "java.lang.Integer", "long", "java.lang.Long" -> "7";
      case "java.nio.file.Path" -> TMP + "/some file";
      default -> "some text";
    };
  }

  private static Object parseAnnotated(String name, String[] args) {
    CommandLine cl = Nettool.commandLine(CTX, false, name);
    try {
      cl.parseArgs(args);
    } catch (CommandLine.ParameterException e) {
      return null;
    }
    return cl.getSubcommands().get(name).getCommand();
  }

  /** Every field of the command and, through them, of its mixins, compared by value. */
  private static void assertSameFields(String what, Object expected, Object actual) throws IllegalAccessException {
    assertThat(actual.getClass()).isEqualTo(expected.getClass());
    for (Class<?> c = expected.getClass(); c != null && c != Object.class; c = c.getSuperclass()) {
      for (Field f : c.getDeclaredFields()) {
        if (Modifier.isStatic(f.getModifiers()) || f.getType() == CliContext.class) {
          continue;
        }
        f.setAccessible(true);
        Object e = f.get(expected);
        Object a = f.get(actual);
        if (f.isAnnotationPresent(CommandLine.Mixin.class)) {
          assertSameFields(what, e, a);
        } else if (!f.isAnnotationPresent(CommandLine.Spec.class)) {
          assertThat(Objects.deepEquals(e, a))
              .as("%s: %s.%s is %s by picocli and %s directly", what, c.getSimpleName(), f.getName(),
                  describe(e), describe(a))
              .isTrue();
        }
      }
    }
  }

  private static String describe(Object o) {
    return o instanceof Object[] array ? Arrays.deepToString(array) : String.valueOf(o);
  }
}
