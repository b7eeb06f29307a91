package dev.nettool.cli;

import java.lang.reflect.Field;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;

/**
 * The shortest way from a command line to a running command: the plain forms of a command line
 * are parsed straight from the {@link CommandSnapshot} records into the command's fields, with no
 * picocli model at all. Building picocli's model and parser cost a one-shot {@code tcp-client}
 * about 20 ms of its start, most of it class initialisation that a short run pays every time.
 *
 * <p>It takes only what it can parse exactly as picocli would: {@code --name value},
 * {@code --name=value}, {@code -n value}, flags, repeated list options, and positional parameters
 * at fixed indexes; values of type String, int, long, Path, or any type with a converter. For
 * anything else (clustered or attached short options, {@code --}, a value that starts with '-',
 * an option given twice, a value its converter refuses, help and version flags, a missing required
 * argument, a command that wants its picocli spec injected) it declines before any command code
 * has run, and {@link Nettool#run} goes on to picocli, whose errors and help are the real ones. A
 * test parses a set of command lines for every command both ways and compares every field.
 */
final class DirectCommandLine {
  private DirectCommandLine() {}

  /** Runs {@code args} (the command's name first); null when it declines to parse them. */
  static Integer run(CliContext ctx, boolean debug, List<String[]> records, String[] args) {
    Object command = parse(records, args, new ContextFactory(ctx));
    if (command == null) {
      return null;
    }
    try {
      Object result = ((Callable<?>) command).call();
      return result instanceof Integer code ? code : 0;
    } catch (UsageException e) {
      ctx.out().flush();
      return UsageErrorHandler.report(ctx, "nettool " + args[0], e.getMessage());
    } catch (CommandLine.ParameterException e) {
      return new UsageErrorHandler(ctx).handleParseException(e, args);
    } catch (Exception e) {
      return new ErrorHandler(ctx, debug).handleExecutionException(e, null, null);
    }
  }

  /**
   * The command object with its fields set from {@code args}, or null when the command line is not
   * one of the plain forms (or the command needs more than fields).
   */
  static Object parse(List<String[]> records, String[] args, CommandLine.IFactory factory) {
    if (records == null) {
      return null;
    }
    try {
      return new Parse(records, factory).run(args);
    } catch (Decline e) {
      return null;
    } catch (Exception e) {
      return null; // a converter or the factory refused: picocli reports it in its own words
    }
  }

  /** Thrown inside a parse to hand the command line to picocli. */
  private static final class Decline extends Exception {
    private static final long serialVersionUID = 1L;
    static final Decline INSTANCE = new Decline();

    private Decline() {
      super(null, null, false, false);
    }
  }

  private static final class Parse {
    private final Map<String, Object> instances = new HashMap<>();
    private final Map<String, Arg> options = new HashMap<>();
    private final List<Arg> allOptions = new ArrayList<>();
    private final List<Arg> positionals = new ArrayList<>();
    private Object command;

    Parse(List<String[]> records, CommandLine.IFactory factory) throws Exception {
      for (String[] f : records) {
        switch (f[0]) {
          case "C" -> {
            command = factory.create(Class.forName(f[2]));
            instances.put(f[2], command);
          }
          case "M" -> {
            Object mixin = factory.create(Class.forName(f[3]));
            Field field = CommandSnapshot.field(f[2]);
            field.set(instances.get(f[1]), mixin);
            instances.put(f[3], mixin);
          }
          case "O" -> {
            Arg o = Arg.option(f, instances, factory);
            allOptions.add(o);
            for (String name : o.names) {
              options.put(name, o);
            }
          }
          case "P" -> positionals.add(Arg.positional(f, instances, factory));
          default -> throw Decline.INSTANCE; // "S": the command wants picocli's spec
        }
      }
      if (!(command instanceof Callable)) {
        throw Decline.INSTANCE;
      }
    }

    Object run(String[] args) throws Exception {
      Set<Arg> matched = new HashSet<>();
      Map<Arg, List<Object>> lists = new HashMap<>();
      int position = 0;
      for (int i = 1; i < args.length; i++) {
        String a = args[i];
        if (a.startsWith("-")) {
          String name = a;
          String value = null;
          int eq = a.indexOf('=');
          if (a.startsWith("--") && eq > 2) {
            name = a.substring(0, eq);
            value = a.substring(eq + 1);
          }
          Arg o = options.get(name);
          if (o == null || !o.supported || (!o.multi && !matched.add(o))) {
            throw Decline.INSTANCE; // unknown, special, or given twice
          }
          matched.add(o);
          if (o.flag) {
            if (value != null || Boolean.TRUE.equals(o.get())) {
              throw Decline.INSTANCE;
            }
            o.set(Boolean.TRUE);
            continue;
          }
          if (value == null) {
            if (i + 1 >= args.length || args[i + 1].startsWith("-")) {
              throw Decline.INSTANCE; // missing, or a value picocli might read as an option
            }
            value = args[++i];
          }
          if (value.isEmpty()) {
            throw Decline.INSTANCE;
          }
          store(o, value, lists);
        } else {
          if (position >= positionals.size()) {
            throw Decline.INSTANCE;
          }
          Arg p = positionals.get(position);
          if (!p.supported || p.index != position++) {
            throw Decline.INSTANCE;
          }
          matched.add(p);
          store(p, a, lists);
        }
      }
      for (Map.Entry<Arg, List<Object>> e : lists.entrySet()) {
        e.getKey().set(e.getValue());
      }
      applyDefaults(allOptions, matched);
      applyDefaults(positionals, matched);
      return command;
    }

    private void applyDefaults(List<Arg> args, Set<Arg> matched) throws Exception {
      for (Arg a : args) {
        if (matched.contains(a)) {
          continue;
        }
        if (a.required || (a.positional && a.defaultValue == null)) {
          throw Decline.INSTANCE; // picocli names what is missing
        }
        if (a.defaultValue == null) {
          continue;
        }
        if (!a.supported) {
          throw Decline.INSTANCE;
        }
        if (a.flag) {
          if (!a.defaultValue.equals("false")) {
            throw Decline.INSTANCE;
          }
          a.set(Boolean.FALSE);
          continue;
        }
        Map<Arg, List<Object>> lists = new HashMap<>();
        store(a, a.defaultValue, lists);
        if (a.multi) {
          a.set(lists.get(a));
        }
      }
    }

    private static void store(Arg a, String value, Map<Arg, List<Object>> lists) throws Exception {
      if (!a.multi) {
        a.set(a.convert(value));
        return;
      }
      List<Object> list = lists.get(a);
      if (list == null) {
        list = new ArrayList<>();
        lists.put(a, list);
      }
      if (a.split.isEmpty()) {
        list.add(a.convert(value));
        return;
      }
      if (value.indexOf('"') >= 0 || value.indexOf('\'') >= 0) {
        throw Decline.INSTANCE; // picocli keeps quoted parts together
      }
      for (String part : value.split(a.split, -1)) { // one plain character: String.split's no-regex path
        if (part.isEmpty()) {
          throw Decline.INSTANCE;
        }
        list.add(a.convert(part));
      }
    }
  }

  /** One option or positional parameter, from its snapshot record. */
  private static final class Arg {
    final String[] names;
    final boolean positional;
    /** A positional parameter's index; -1 for an option. */
    final int index;
    final boolean flag;
    final boolean multi;
    final boolean required;
    final String defaultValue;
    final String split;
    /** Whether this parser can set it exactly as picocli would. */
    final boolean supported;
    // Resolved on first use: most of a command's options are neither given nor defaulted, and
    // looking up a field and making a converter for each of them was half of a parse.
    private final String[] record;
    private final int at;
    private final Map<String, Object> instances;
    private final CommandLine.IFactory factory;
    private Field field;
    private Object owner;
    private Class<?> valueType;
    private CommandLine.ITypeConverter<?> converter;
    private boolean resolved;

    private Arg(String[] names, boolean positional, int index, String arity, String[] f, int at,
        Map<String, Object> instances, CommandLine.IFactory factory, boolean special) {
      this.names = names;
      this.positional = positional;
      this.index = index;
      this.record = f;
      this.at = at;
      this.instances = instances;
      this.factory = factory;
      String type = f[at];
      String[] aux = f[at + 1].isEmpty() ? new String[0] : f[at + 1].split(",");
      int converters = f[at + 2].isEmpty() ? 0 : f[at + 2].split(",").length;
      this.defaultValue = CommandSnapshot.value(f[at + 3]);
      String splitRegex = CommandSnapshot.value(f[at + 4]);
      this.split = splitRegex == null ? "" : splitRegex;
      this.required = f[at + 5].equals("1");
      this.flag = !positional && arity.equals("0") && (type.equals("boolean") || type.equals("java.lang.Boolean"));
      this.multi = type.equals("java.util.List");
      String valueTypeName = multi ? (aux.length == 1 ? aux[0] : "") : type;
      boolean plainSplit = split.isEmpty() || (split.length() == 1 && ",;:".contains(split));
      this.supported = !special && !f[1].equals("~") && plainSplit
          && converters <= 1
          && (flag ? defaultValue == null || defaultValue.equals("false")
              : arity.equals("1") && (converters == 1 || builtIn(valueTypeName)))
          && (multi ? aux.length == 1 : split.isEmpty());
    }

    private void resolve() throws Exception {
      if (resolved) {
        return;
      }
      owner = instances.get(record[1]);
      field = CommandSnapshot.field(record[2]);
      if (owner == null) {
        throw Decline.INSTANCE;
      }
      String type = record[at];
      valueType = multi ? CommandSnapshot.classNamed(record[at + 1]) : CommandSnapshot.classNamed(type);
      converter = record[at + 2].isEmpty()
          ? null
          : (CommandLine.ITypeConverter<?>) factory.create(Class.forName(record[at + 2]));
      resolved = true;
    }

    Object get() throws Exception {
      resolve();
      return field.get(owner);
    }

    void set(Object value) throws Exception {
      resolve();
      field.set(owner, value);
    }

    // O owner field names arity unspecified | type aux converters default split required label
    //   mapFallback hidden | negatable fallback usageHelp versionHelp
    static Arg option(String[] f, Map<String, Object> instances, CommandLine.IFactory factory) {
      String fallback = CommandSnapshot.value(f[16]);
      boolean special = f[15].equals("1") || f[17].equals("1") || f[18].equals("1")
          || (fallback != null && !fallback.isEmpty());
      return new Arg(f[3].split(","), false, -1, f[4], f, 6, instances, factory, special);
    }

    // P owner field index unspecified arity unspecified | type aux converters default split required ...
    static Arg positional(String[] f, Map<String, Object> instances, CommandLine.IFactory factory) {
      // Only a parameter at an index of its own (TARGET, URL): "0", or "0+" where picocli numbered it
      // itself; a second one for the same parameter is declined.
      String index = f[3].endsWith("+") ? f[3].substring(0, f[3].length() - 1) : f[3];
      boolean fixed = f[4].equals("0") && isDecimal(index) && index.length() < 3;
      return new Arg(new String[0], true, fixed ? Integer.parseInt(index) : -1, f[5], f, 7, instances, factory,
          !fixed);
    }

    private static boolean isDecimal(String s) {
      if (s.isEmpty()) {
        return false;
      }
      for (int i = 0; i < s.length(); i++) {
        if (s.charAt(i) < '0' || s.charAt(i) > '9') {
          return false;
        }
      }
      return true;
    }

    private static boolean builtIn(String type) {
      return switch (type) {
        case "java.lang.String", "int", "java.lang.Integer", "long", "java.lang.Long", "java.nio.file.Path" -> true;
        default -> false;
      };
    }

    Object convert(String value) throws Exception {
      resolve();
      if (converter != null) {
        return converter.convert(value);
      }
      if (valueType == String.class) {
        return value;
      }
      if (valueType == Path.class) {
        try {
          return Path.of(value);
        } catch (InvalidPathException e) {
          throw Decline.INSTANCE;
        }
      }
      // Plain decimal only: picocli reads "010" and "0x10" in ways of its own.
      if (!isDecimal(value) || value.length() > 18 || (value.length() > 1 && value.charAt(0) == '0')) {
        throw Decline.INSTANCE;
      }
      long n = Long.parseLong(value);
      if (valueType == long.class || valueType == Long.class) {
        return n;
      }
      if (n > Integer.MAX_VALUE) {
        throw Decline.INSTANCE;
      }
      return (int) n;
    }
  }
}
