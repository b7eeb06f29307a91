package dev.nettool.e2e;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real peer nobody here wrote ({@code nc}, {@code socat}, {@code node}, {@code python3}) as a child
 * process: stdin fed from bytes, stdout hashed and kept, stderr read by line, exit awaited with a
 * deadline. A missing program fails the test: CI installs every peer.
 */
final class Peer implements AutoCloseable {
  private final List<String> command;
  private final Process process;
  private final StreamCollector out;
  private final StreamCollector err;
  private final StdinFeeder stdin;

  private Peer(List<String> command, Process process, byte[] input) {
    this.command = command;
    this.process = process;
    this.out = StreamCollector.drain(process.getInputStream(), command.get(0) + "-stdout-" + process.pid());
    this.err = StreamCollector.drain(process.getErrorStream(), command.get(0) + "-stderr-" + process.pid());
    this.stdin = StdinFeeder.feed(process, input);
  }

  static Peer start(byte[] input, String... command) {
    List<String> cmd = List.of(command);
    try {
      return new Peer(cmd, new ProcessBuilder(cmd).start(), input);
    } catch (IOException e) {
      throw new AssertionError("cannot run peer '" + cmd.get(0) + "' (.ci/run installs it): " + e.getMessage(), e);
    }
  }

  /** The path of a peer script shipped in the test resources under {@code peers/}. */
  static String script(String name) {
    URL url = Peer.class.getResource("/peers/" + name);
    if (url == null) {
      throw new AssertionError("no peer script peers/" + name + " in the test resources");
    }
    try {
      return Path.of(url.toURI()).toString();
    } catch (URISyntaxException e) {
      throw new AssertionError(e);
    }
  }

  /** Takes stderr lines until one matches {@code pattern} (found anywhere in the line). */
  Matcher awaitStderr(String pattern, Duration timeout) throws InterruptedException {
    return await(err, "stderr", pattern, timeout);
  }

  /** Takes stdout lines until one matches {@code pattern}: for peers that announce themselves there (http.server). */
  Matcher awaitStdout(String pattern, Duration timeout) throws InterruptedException {
    return await(out, "stdout", pattern, timeout);
  }

  private Matcher await(StreamCollector stream, String name, String pattern, Duration timeout)
      throws InterruptedException {
    Pattern p = Pattern.compile(pattern);
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        throw new AssertionError("no " + name + " line matching " + pattern + " within " + timeout + ": " + describe());
      }
      Optional<String> line = stream.nextLine(Duration.ofNanos(left));
      if (line.isEmpty()) {
        throw new AssertionError(name + " ended without a line matching " + pattern + ": " + describe());
      }
      Matcher m = p.matcher(line.get());
      if (m.find()) {
        return m;
      }
    }
  }

  void writeStdin(byte[] bytes) throws IOException {
    stdin.write(bytes);
  }

  void closeStdin() throws IOException {
    stdin.close();
  }

  /** Waits for the exit and the end of its output. */
  PeerResult await(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    if (!process.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
      throw new AssertionError("peer did not exit within " + timeout + ": " + describe());
    }
    Duration left = Duration.ofNanos(Math.max(deadline - System.nanoTime(), TimeUnit.SECONDS.toNanos(1)));
    if (!out.awaitEnd(left) || !err.awaitEnd(left)) {
      throw new AssertionError("peer exited but its output did not end (a child holds it?): " + describe());
    }
    return new PeerResult(String.join(" ", command), process.exitValue(), out, err.text());
  }

  String describe() {
    return String.join(" ", command) + "\n--- stdout: " + out.count() + " bytes\n--- stderr:\n" + err.text();
  }

  @Override
  public void close() {
    Launched.kill(process);
  }

  /** What a finished peer left: exit code, its stdout (hash, length, bytes) and stderr. */
  record PeerResult(String command, int exitCode, StreamCollector stdout, String stderr) {
    String sha256() {
      return stdout.sha256();
    }

    long length() {
      return stdout.count();
    }

    byte[] bytes() {
      return stdout.bytes();
    }

    String text() {
      return new String(stdout.bytes(), StandardCharsets.UTF_8);
    }

    /** For {@code .as(...)}: the command, its exit code and stderr. */
    String describe() {
      return command + " exited " + exitCode + ", " + length() + " bytes out, stderr: " + stderr;
    }
  }
}
