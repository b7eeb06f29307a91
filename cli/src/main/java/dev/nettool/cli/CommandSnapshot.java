package dev.nettool.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.Writer;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.IGetter;
import picocli.CommandLine.Model.ISetter;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.Range;

/**
 * What picocli needs to parse a command line, captured when the jar is built, so that a run reads
 * it instead of reflecting over annotations.
 *
 * <p>Reading every {@code @Option} of a command through Java reflection makes the JDK parse each
 * annotation and generate a proxy class per annotation type: about half of the 40 ms a one-shot
 * {@code tcp-client} spent building its command model. The build runs {@link #main} after
 * compiling, which builds every command's model the annotated way and writes the parsing
 * attributes of each option and parameter (names, arity, types, converters, defaults, split) and
 * the places of its mixins and {@code @Spec} fields, which the build stores in
 * {@link CommandSnapshotText}. A run rebuilds the command from those lines, either with picocli's
 * programmatic API, each option bound to the same field, or with {@link DirectCommandLine}.
 *
 * <p>The snapshot knows nothing of descriptions and usage: {@link Nettool#run} uses it only for a
 * command line that parses and asks for no help; anything else is parsed again on the annotated
 * model, so help and usage errors read exactly as before. A test checks that the snapshot in the
 * build is what the annotations say today.
 */
final class CommandSnapshot {
  private static final String NULL = "~";

  private CommandSnapshot() {}

  /** Build step: writes the snapshot of every command to the file named by the one argument. */
  public static void main(String[] args) throws IOException {
    if (args.length != 1) {
      throw new IllegalArgumentException("usage: CommandSnapshot OUTPUT-FILE");
    }
    try (Writer w = Files.newBufferedWriter(Path.of(args[0]), StandardCharsets.UTF_8)) {
      w.write(capture());
    }
  }

  /** The snapshot of every command, as the build writes it. */
  static String capture() {
    CliContext ctx = new CliContext(InputStream.nullInputStream(), System.out, System.err, Map.of(),
        new java.util.concurrent.CompletableFuture<>(), false);
    StringBuilder sb = new StringBuilder();
    CommandLine root = Nettool.commandLine(ctx, false);
    for (Class<?> command : Nettool.COMMANDS) {
      String name = command.getAnnotation(CommandLine.Command.class).name();
      capture(sb, name, root.getSubcommands().get(name).getCommandSpec());
    }
    return sb.toString();
  }

  private static void capture(StringBuilder sb, String name, CommandSpec spec) {
    Object command = spec.userObject();
    if (!spec.argGroups().isEmpty() || !spec.unmatchedArgsBindings().isEmpty() || !spec.subcommands().isEmpty()) {
      throw new IllegalStateException(name + ": argument groups, unmatched arguments and nested subcommands"
          + " are not in the snapshot format");
    }
    line(sb, "C", name, command.getClass().getName());
    // Mixins, depth first: each is created by the factory and stored in its owner's field.
    Map<Object, Class<?>> owners = new IdentityHashMap<>();
    owners.put(command, command.getClass());
    captureMixins(sb, spec, command, owners);
    captureSpecFields(sb, command.getClass(), command.getClass());
    for (OptionSpec o : spec.options()) {
      line(sb, "O", owner(name, o, owners), String.join(",", o.names()), range(o.arity()), common(name, o),
          flag(o.negatable()), escape(nullable(o.fallbackValue())), flag(o.usageHelp()), flag(o.versionHelp()));
    }
    for (PositionalParamSpec p : spec.positionalParameters()) {
      line(sb, "P", owner(name, p, owners), range(p.index()), range(p.arity()), common(name, p));
    }
    line(sb, "E");
  }

  private static void captureMixins(StringBuilder sb, CommandSpec spec, Object owner, Map<Object, Class<?>> owners) {
    for (Map.Entry<String, CommandSpec> m : spec.mixins().entrySet()) {
      Object mixin = m.getValue().userObject();
      if (mixin.getClass().getName().startsWith("picocli.")) {
        continue; // the standard help options: plain flags, see "O"
      }
      Field field = declaredField(owner.getClass(), m.getKey());
      if (field.getType() != mixin.getClass()) {
        throw new IllegalStateException(m.getKey() + ": a mixin field must hold its own class");
      }
      line(sb, "M", owner.getClass().getName(), memberName(field), mixin.getClass().getName());
      if (owners.containsValue(mixin.getClass())) {
        throw new IllegalStateException(mixin.getClass().getName() + " is mixed in twice");
      }
      owners.put(mixin, mixin.getClass());
      captureMixins(sb, m.getValue(), mixin, owners);
      if (hasSpecField(mixin.getClass())) {
        throw new IllegalStateException(mixin.getClass().getName() + ": @Spec in a mixin is not in the snapshot");
      }
    }
  }

  private static void captureSpecFields(StringBuilder sb, Class<?> owner, Class<?> type) {
    for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
      for (Field f : c.getDeclaredFields()) {
        if (f.isAnnotationPresent(CommandLine.Spec.class)) {
          line(sb, "S", owner.getName(), memberName(f));
        }
      }
    }
  }

  private static boolean hasSpecField(Class<?> type) {
    StringBuilder probe = new StringBuilder();
    captureSpecFields(probe, type, type);
    return probe.length() > 0;
  }

  /** A field as the snapshot names it: declaring class, '#', field name. */
  private static String memberName(Field f) {
    return f.getDeclaringClass().getName() + "#" + f.getName();
  }

  /** Attributes options and positional parameters share. */
  private static String common(String command, ArgSpec a) {
    if (a.interactive()) {
      throw new IllegalStateException(command + ": interactive options are not in the snapshot");
    }
    if (a.parameterConsumer() != null || a.inherited() || a.scopeType() != CommandLine.ScopeType.LOCAL) {
      throw new IllegalStateException(command + " " + a + ": parameter consumers and inherited options"
          + " are not in the snapshot");
    }
    String dflt = a.defaultValue();
    if (dflt != null && dflt.contains("${")) {
      throw new IllegalStateException(command + " " + a + ": a default with variables would be resolved at build time");
    }
    List<String> converters = new ArrayList<>();
    for (CommandLine.ITypeConverter<?> c : a.converters()) {
      converters.add(c.getClass().getName());
    }
    List<String> aux = new ArrayList<>();
    for (Class<?> c : a.auxiliaryTypes()) {
      aux.add(c.getName());
    }
    return String.join("\t", a.type().getName(), String.join(",", aux), String.join(",", converters),
        escape(nullable(dflt)), escape(nullable(a.splitRegex())), flag(a.required()), escape(nullable(a.paramLabel())),
        escape(nullable(a.mapFallbackValue())), flag(a.hidden()));
  }

  private static String owner(String command, ArgSpec a, Map<Object, Class<?>> owners) {
    if (!(a.userObject() instanceof Field f)) {
      throw new IllegalStateException(command + " " + a + ": only options on fields are in the snapshot");
    }
    if (f.getDeclaringClass().getName().startsWith("picocli.")) {
      return NULL + "\t" + NULL; // a standard help flag
    }
    Object holder = null;
    for (Object candidate : owners.keySet()) {
      if (f.getDeclaringClass().isInstance(candidate)) {
        if (holder != null) {
          throw new IllegalStateException(command + " " + a + ": two objects could hold " + f);
        }
        holder = candidate;
      }
    }
    if (holder == null) {
      throw new IllegalStateException(command + " " + a + ": no command or mixin holds " + f);
    }
    return holder.getClass().getName() + "\t" + memberName(f);
  }

  private static String range(Range r) {
    return r.originalValue() + "\t" + flag(r.isUnspecified());
  }

  private static String flag(boolean b) {
    return b ? "1" : "0";
  }

  private static String nullable(String s) {
    return s == null ? NULL : "=" + s;
  }

  private static void line(StringBuilder sb, String... fields) {
    sb.append(String.join("\t", fields)).append('\n');
  }

  private static String escape(String s) {
    return s.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n");
  }

  private static String unescape(String s) {
    if (s.indexOf('\\') < 0) {
      return s;
    }
    StringBuilder sb = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\' && i + 1 < s.length()) {
        char n = s.charAt(++i);
        sb.append(n == 't' ? '\t' : n == 'n' ? '\n' : n);
      } else {
        sb.append(c);
      }
    }
    return sb.toString();
  }

  static String value(String field) {
    String s = unescape(field);
    return s.equals(NULL) ? null : s.substring(1);
  }

  // ---------------------------------------------------------------------------------------------
  // Reading, at run time

  /**
   * The spec of command {@code name} built from the snapshot, its command and mixin objects made
   * by {@code factory}; null when the jar holds no snapshot or it does not name that command.
   */
  static CommandSpec spec(String name, CommandLine.IFactory factory) {
    return spec(records(name), name, factory);
  }

  /** The spec built from {@code records} (as {@link #records} returns them), or null for none. */
  static CommandSpec spec(List<String[]> records, String name, CommandLine.IFactory factory) {
    if (records == null) {
      return null;
    }
    try {
      CommandSpec spec = null;
      Map<String, Object> instances = new HashMap<>();
      for (String[] f : records) {
        switch (f[0]) {
          case "C" -> {
            Object command = factory.create(Class.forName(f[2]));
            instances.put(f[2], command);
            spec = CommandSpec.wrapWithoutInspection(command);
            spec.name(name);
          }
          case "M" -> {
            Object mixin = factory.create(Class.forName(f[3]));
            set(field(f[2]), instances.get(f[1]), mixin);
            instances.put(f[3], mixin);
          }
          case "S" -> set(field(f[2]), instances.get(f[1]), spec);
          case "O" -> spec.addOption(option(f, instances, factory));
          case "P" -> spec.addPositional(positional(f, instances, factory));
          default -> throw new IllegalStateException("bad snapshot line: " + String.join("\t", f));
        }
      }
      return spec;
    } catch (Exception e) {
      throw new IllegalStateException("nettool: the command snapshot in the jar is unreadable: " + e, e);
    }
  }

  /**
   * The records of command {@code name}, its "C" line first, each split into its tab-separated
   * fields (still escaped); null when the jar holds no snapshot or it does not name that command.
   */
  static List<String[]> records(String name) {
    return records(CommandSnapshotText.text(), name);
  }

  /** The records of command {@code name} in snapshot {@code text}; null if none. */
  static List<String[]> records(String text, String name) {
    if (text == null) {
      return null;
    }
    String head = "C\t" + name + "\t";
    int at = text.startsWith(head) ? 0 : text.indexOf("\n" + head);
    if (at < 0) {
      return null;
    }
    List<String[]> records = new ArrayList<>();
    for (int from = at == 0 ? 0 : at + 1; from < text.length(); ) {
      int end = text.indexOf('\n', from);
      if (end < 0) {
        end = text.length();
      }
      String[] f = text.substring(from, end).split("\t", -1);
      if (f[0].equals("E")) {
        return records;
      }
      records.add(f);
      from = end + 1;
    }
    throw new IllegalStateException("nettool: the command snapshot ends inside " + name);
  }

  // O owner field names arity unspecified | common (9) | negatable fallback usageHelp versionHelp
  private static OptionSpec option(String[] f, Map<String, Object> instances, CommandLine.IFactory factory)
      throws Exception {
    Common c = Common.read(f, 6, instances, factory);
    OptionSpec.Builder b = OptionSpec.builder(f[3].split(","))
        .arity(range(f[4], f[5]))
        .type(c.type).auxiliaryTypes(c.aux).converters(c.converters)
        .defaultValue(c.defaultValue).splitRegex(c.split).required(c.required).paramLabel(c.label)
        .hidden(c.hidden).getter(c.binding).setter(c.binding).initialValue(c.initial).hasInitialValue(true)
        .negatable(f[15].equals("1"))
        .fallbackValue(value(f[16]))
        .usageHelp(f[17].equals("1"))
        .versionHelp(f[18].equals("1"));
    if (c.mapFallback != null) {
      b.mapFallbackValue(c.mapFallback);
    }
    return b.build();
  }

  // P owner field index unspecified arity unspecified | common (9)
  private static PositionalParamSpec positional(String[] f, Map<String, Object> instances,
      CommandLine.IFactory factory) throws Exception {
    Common c = Common.read(f, 7, instances, factory);
    PositionalParamSpec.Builder b = PositionalParamSpec.builder()
        .index(range(f[3], f[4]))
        .arity(range(f[5], f[6]))
        .type(c.type).auxiliaryTypes(c.aux).converters(c.converters)
        .defaultValue(c.defaultValue).splitRegex(c.split).required(c.required).paramLabel(c.label)
        .hidden(c.hidden).getter(c.binding).setter(c.binding).initialValue(c.initial).hasInitialValue(true);
    if (c.mapFallback != null) {
      b.mapFallbackValue(c.mapFallback);
    }
    return b.build();
  }

  /** The attributes options and positional parameters share, read from a snapshot line. */
  private record Common(Class<?> type, Class<?>[] aux, CommandLine.ITypeConverter<?>[] converters,
      String defaultValue, String split, boolean required, String label, String mapFallback, boolean hidden,
      Binding binding, Object initial) {
    static Common read(String[] f, int at, Map<String, Object> instances, CommandLine.IFactory factory)
        throws Exception {
      String[] auxNames = f[at + 1].isEmpty() ? new String[0] : f[at + 1].split(",");
      Class<?>[] aux = new Class<?>[auxNames.length];
      for (int i = 0; i < auxNames.length; i++) {
        aux[i] = classNamed(auxNames[i]);
      }
      String[] converterNames = f[at + 2].isEmpty() ? new String[0] : f[at + 2].split(",");
      CommandLine.ITypeConverter<?>[] converters = new CommandLine.ITypeConverter<?>[converterNames.length];
      for (int i = 0; i < converterNames.length; i++) {
        converters[i] = (CommandLine.ITypeConverter<?>) factory.create(Class.forName(converterNames[i]));
      }
      String split = value(f[at + 4]);
      Binding binding = f[1].equals(NULL)
          ? new Binding(null, null)
          : new Binding(instances.get(f[1]), field(f[2]));
      return new Common(classNamed(f[at]), aux, converters, value(f[at + 3]), split == null ? "" : split,
          f[at + 5].equals("1"), value(f[at + 6]), value(f[at + 7]), f[at + 8].equals("1"), binding,
          binding.get()); // the field's value before parsing, which picocli restores an option to when reset
    }
  }

  static Class<?> classNamed(String name) throws ClassNotFoundException {
    return switch (name) {
      case "boolean" -> boolean.class;
      case "int" -> int.class;
      case "long" -> long.class;
      case "double" -> double.class;
      case "float" -> float.class;
      case "short" -> short.class;
      case "byte" -> byte.class;
      case "char" -> char.class;
      default -> Class.forName(name);
    };
  }

  private static Range range(String original, String unspecified) {
    return Range.valueOf(original).unspecified(unspecified.equals("1"));
  }

  static Field field(String member) throws ReflectiveOperationException {
    int hash = member.indexOf('#');
    Field f = Class.forName(member.substring(0, hash)).getDeclaredField(member.substring(hash + 1));
    f.setAccessible(true);
    return f;
  }

  private static Field declaredField(Class<?> type, String name) {
    for (Class<?> c = type; c != null; c = c.getSuperclass()) {
      try {
        return c.getDeclaredField(name);
      } catch (NoSuchFieldException e) {
        // look in the superclass
      }
    }
    throw new IllegalStateException(type.getName() + " has no field " + name);
  }

  private static void set(Field f, Object owner, Object value) throws IllegalAccessException {
    if (owner == null) {
      throw new IllegalStateException("no object holds " + f);
    }
    f.set(owner, value);
  }

  /** An option's value in its field, or, for a standard help flag, in this binding itself. */
  private static final class Binding implements IGetter, ISetter {
    private final Object owner;
    private final Field field;
    private Object flag = Boolean.FALSE;

    Binding(Object owner, Field field) {
      this.owner = owner;
      this.field = field;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T get() throws IllegalAccessException {
      return (T) (field == null ? flag : field.get(owner));
    }

    @Override
    public <T> T set(T value) throws IllegalAccessException {
      T old = get();
      if (field == null) {
        flag = value;
      } else {
        field.set(owner, value);
      }
      return old;
    }
  }
}
