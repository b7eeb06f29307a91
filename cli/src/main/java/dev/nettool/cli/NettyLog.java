package dev.nettool.cli;

import io.netty.util.internal.logging.AbstractInternalLogger;
import io.netty.util.internal.logging.InternalLogger;
import io.netty.util.internal.logging.InternalLoggerFactory;
import java.io.PrintStream;

/**
 * Netty's own log for a run of the tool: warnings and errors as one line on standard error,
 * {@code nettool: netty: <message>: <cause>}, and nothing below warning. With {@code --debug} the
 * process keeps Netty's default (java.util.logging, stack traces included) instead.
 *
 * <p>Why not java.util.logging always: its format is two lines and a stack trace where every other
 * message of the tool is one line, and the first Netty logger would start {@code LogManager} in every
 * run for output a run rarely shows (0 to 11 ms of a one-shot {@code tcp-client}, within noise).
 */
final class NettyLog extends InternalLoggerFactory {
  private final PrintStream err;

  private NettyLog(PrintStream err) {
    this.err = err;
  }

  /** Installs the factory before any Netty class has asked for a logger. */
  static void install(PrintStream err) {
    InternalLoggerFactory.setDefaultFactory(new NettyLog(err));
  }

  /** A factory writing to {@code err}, not installed: for tests. */
  static NettyLog forTest(PrintStream err) {
    return new NettyLog(err);
  }

  @Override
  protected InternalLogger newInstance(String name) {
    return new Logger(name, err);
  }

  /** Replaces each {@code {}} in {@code format} by the next argument, as Netty's loggers do. */
  static String format(String format, Object... args) {
    if (format == null) {
      return "null";
    }
    StringBuilder sb = new StringBuilder(format.length() + 32);
    int from = 0;
    int next = 0;
    int at;
    while (next < args.length && (at = format.indexOf("{}", from)) >= 0) {
      sb.append(format, from, at).append(args[next++]);
      from = at + 2;
    }
    return sb.append(format, from, format.length()).toString();
  }

  /** The throwable Netty passes as the last argument beyond the placeholders, if any. */
  static Throwable cause(String format, Object... args) {
    if (args.length == 0 || !(args[args.length - 1] instanceof Throwable)) {
      return null;
    }
    int placeholders = 0;
    for (int at = format == null ? -1 : format.indexOf("{}"); at >= 0; at = format.indexOf("{}", at + 2)) {
      placeholders++;
    }
    return placeholders < args.length ? (Throwable) args[args.length - 1] : null;
  }

  private static final class Logger extends AbstractInternalLogger {
    private static final long serialVersionUID = 1L;
    private final transient PrintStream err;

    Logger(String name, PrintStream err) {
      super(name);
      this.err = err;
    }

    private void emit(String format, Object... args) {
      String line = "nettool: netty: " + format(format, args);
      Throwable cause = cause(format, args);
      err.println(cause == null ? line : line + ": " + cause);
    }

    @Override public boolean isTraceEnabled() { return false; }
    @Override public void trace(String msg) {}
    @Override public void trace(String format, Object arg) {}
    @Override public void trace(String format, Object a, Object b) {}
    @Override public void trace(String format, Object... args) {}
    @Override public void trace(String msg, Throwable t) {}

    @Override public boolean isDebugEnabled() { return false; }
    @Override public void debug(String msg) {}
    @Override public void debug(String format, Object arg) {}
    @Override public void debug(String format, Object a, Object b) {}
    @Override public void debug(String format, Object... args) {}
    @Override public void debug(String msg, Throwable t) {}

    @Override public boolean isInfoEnabled() { return false; }
    @Override public void info(String msg) {}
    @Override public void info(String format, Object arg) {}
    @Override public void info(String format, Object a, Object b) {}
    @Override public void info(String format, Object... args) {}
    @Override public void info(String msg, Throwable t) {}

    @Override public boolean isWarnEnabled() { return true; }
    @Override public void warn(String msg) { emit(msg); }
    @Override public void warn(String format, Object arg) { emit(format, arg); }
    @Override public void warn(String format, Object a, Object b) { emit(format, a, b); }
    @Override public void warn(String format, Object... args) { emit(format, args); }
    @Override public void warn(String msg, Throwable t) { emit(msg, t); }

    @Override public boolean isErrorEnabled() { return true; }
    @Override public void error(String msg) { emit(msg); }
    @Override public void error(String format, Object arg) { emit(format, arg); }
    @Override public void error(String format, Object a, Object b) { emit(format, a, b); }
    @Override public void error(String format, Object... args) { emit(format, args); }
    @Override public void error(String msg, Throwable t) { emit(msg, t); }
  }
}
