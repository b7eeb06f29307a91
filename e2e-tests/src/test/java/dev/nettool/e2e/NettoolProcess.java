package dev.nettool.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The built {@code nettool.jar} running as a child process ({@code java -jar $nettool.jar ARGS}):
 * its event stream read line by line on a thread, the ready line parsed, SIGTERM, exit with a
 * deadline. Started through {@link Launched}, which kills it after the test.
 */
final class NettoolProcess implements AutoCloseable {
  private final List<String> command;
  private final Process process;
  private final StreamCollector out;
  private final StreamCollector err;
  private final StreamCollector events;
  private final StdinFeeder stdin;
  private ReadyLine ready;

  private NettoolProcess(List<String> command, Process process, boolean eventsOnStderr, byte[] input) {
    this.command = command;
    this.process = process;
    this.out = StreamCollector.drain(process.getInputStream(), "nettool-stdout-" + process.pid());
    this.err = StreamCollector.drain(process.getErrorStream(), "nettool-stderr-" + process.pid());
    this.events = eventsOnStderr ? err : out;
    this.stdin = StdinFeeder.feed(process, input);
  }

  /** How to start one: the arguments, stdin, where the events go, an optional wrapper command. */
  static final class Spec {
    private final List<String> args;
    private final List<String> wrapper = new ArrayList<>();
    private final List<String> jvmOptions = new ArrayList<>();
    private final Map<String, String> env = new LinkedHashMap<>();
    private byte[] input = new byte[0];
    private boolean eventsOnStderr;

    Spec(List<String> args) {
      this.args = List.copyOf(args);
    }

    /** Bytes written to nettool's stdin, which is then closed (the default is an empty stdin). */
    Spec stdin(byte[] bytes) {
      this.input = bytes.clone();
      return this;
    }

    /** Keeps stdin open until {@link NettoolProcess#closeStdin()}. */
    Spec stdinOpen() {
      this.input = null;
      return this;
    }

    /** Pipe mode: stdout is payload and the events come on stderr. */
    Spec eventsOnStderr() {
      this.eventsOnStderr = true;
      return this;
    }

    /** Runs nettool under another program, e.g. {@code strace -f -o FILE}. */
    Spec wrappedBy(String... prefix) {
      this.wrapper.addAll(List.of(prefix));
      return this;
    }

    /** Options for nettool's JVM, before {@code -jar}: {@code -Xmx64m}, {@code -Dname=value}. */
    Spec jvmOptions(String... options) {
      this.jvmOptions.addAll(List.of(options));
      return this;
    }

    /** Netty tracks every buffer and reports a leak as a {@code LEAK:} line on stderr. */
    Spec paranoidLeakDetection() {
      return jvmOptions("-Dio.netty.leakDetection.level=paranoid");
    }

    /** Adds {@code name=value} to the environment nettool inherits from the test. */
    Spec env(String name, String value) {
      this.env.put(name, value);
      return this;
    }

    NettoolProcess start() {
      List<String> cmd = new ArrayList<>(wrapper);
      cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      cmd.addAll(jvmOptions);
      cmd.add("-jar");
      cmd.add(jar().toString());
      cmd.addAll(args);
      try {
        ProcessBuilder builder = new ProcessBuilder(cmd);
        builder.environment().putAll(env);
        return new NettoolProcess(cmd, builder.start(), eventsOnStderr, input);
      } catch (IOException e) {
        throw new AssertionError("cannot start " + cmd + ": " + e.getMessage(), e);
      }
    }
  }

  /** The jar that the failsafe plugin names in the {@code nettool.jar} system property. */
  static Path jar() {
    String jar = System.getProperty("nettool.jar");
    if (jar == null || !Files.isRegularFile(Path.of(jar))) {
      throw new AssertionError("no nettool.jar at " + jar + " (system property nettool.jar): "
          + "build it first with mvn package -pl cli -am");
    }
    return Path.of(jar);
  }

  /** Waits for the first line of the event stream and parses it as the ready line. */
  ReadyLine awaitReady(Duration timeout) throws InterruptedException {
    if (ready == null) {
      Optional<String> first = events.nextLine(timeout);
      if (first.isEmpty()) {
        throw new AssertionError("nettool ended before its ready line: " + describe());
      }
      ready = ReadyLine.parse(first.get());
    }
    return ready;
  }

  /** The bound port from the ready line. */
  int awaitPort(Duration timeout) throws InterruptedException {
    return awaitReady(timeout).port();
  }

  /** Takes event lines until one matches {@code pattern} (whole line) and returns its match. */
  Matcher awaitEvent(String pattern, Duration timeout) throws InterruptedException {
    Pattern p = Pattern.compile(pattern);
    Matcher[] found = new Matcher[1];
    awaitEvent(line -> {
      Matcher m = p.matcher(line);
      if (m.matches()) {
        found[0] = m;
        return true;
      }
      return false;
    }, timeout, pattern);
    return found[0];
  }

  private void awaitEvent(Predicate<String> match, Duration timeout, String what) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        throw new AssertionError("no event line matching " + what + " within " + timeout + ": " + describe());
      }
      Optional<String> line = events.nextLine(Duration.ofNanos(left));
      if (line.isEmpty()) {
        throw new AssertionError("event stream ended without a line matching " + what + ": " + describe());
      }
      if (match.test(line.get())) {
        return;
      }
    }
  }

  /**
   * A full GC in nettool's JVM ({@code jcmd PID GC.run}, from the JDK running the tests). Netty reports a
   * leaked buffer only after it was collected, on a later allocation: GC, one more request, then read stderr.
   */
  void collectGarbage(Duration timeout) throws InterruptedException {
    String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
    Process gc;
    try {
      gc = new ProcessBuilder(jcmd, String.valueOf(process.pid()), "GC.run").redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    } catch (IOException e) {
      throw new AssertionError("cannot run " + jcmd + ": " + e.getMessage(), e);
    }
    if (!gc.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
      Launched.kill(gc);
      throw new AssertionError("jcmd GC.run did not finish within " + timeout);
    }
    if (gc.exitValue() != 0) {
      throw new AssertionError("jcmd " + process.pid() + " GC.run exited " + gc.exitValue() + ": " + describe());
    }
  }

  /** Writes to stdin (only with {@link Spec#stdinOpen()}). */
  void writeStdin(byte[] bytes) throws IOException {
    stdin.write(bytes);
  }

  /** Closes stdin (only with {@link Spec#stdinOpen()}). */
  void closeStdin() throws IOException {
    stdin.close();
  }

  /**
   * Sends SIGTERM through the {@link ProcessHandle}: {@link Process#destroy()} sends it too but also
   * closes our ends of the child's pipes, which would lose the summary printed while draining.
   */
  void sigterm() {
    process.toHandle().destroy();
  }

  /** Waits for the exit and for both output streams to end; returns the exit code. */
  int waitFor(Duration timeout) throws InterruptedException {
    if (!process.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
      throw new AssertionError("nettool did not exit within " + timeout + ": " + describe());
    }
    out.awaitEnd(timeout);
    err.awaitEnd(timeout);
    return process.exitValue();
  }

  long pid() {
    return process.pid();
  }

  /** Every line of the event stream so far. */
  List<String> eventLines() {
    return events.lines();
  }

  /** Every line of stderr so far. */
  List<String> stderrLines() {
    return err.lines();
  }

  String stderr() {
    return err.text();
  }

  String stdout() {
    return out.text();
  }

  /** Stdout as bytes (pipe mode payload), complete once {@link #waitFor} returned. */
  byte[] stdoutBytes() {
    return out.bytes();
  }

  /** The command line and both streams so far, for failure messages. */
  String describe() {
    return String.join(" ", command) + "\n--- stdout:\n" + printable(out.text()) + "\n--- stderr:\n" + err.text();
  }

  // A failure report stays readable when stdout was a binary payload: its size instead of its bytes.
  private static String printable(String text) {
    boolean binary = text.chars().anyMatch(c -> c == 0xFFFD || (c < 0x20 && c != '\n' && c != '\r' && c != '\t'));
    if (binary || text.length() > 4096) {
      return "(" + text.length() + " characters" + (binary ? ", binary" : "") + ", not shown)";
    }
    return text;
  }

  @Override
  public void close() {
    Launched.kill(process);
  }
}
