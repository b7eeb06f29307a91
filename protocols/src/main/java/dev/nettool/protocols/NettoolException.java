package dev.nettool.protocols;

/**
 * The one failure type of the domain: what went wrong, the detail, and the exit code it maps to.
 * Its message is rendered as {@code nettool: <what>: <detail>}.
 */
public final class NettoolException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final ExitCode exitCode;
  private final String what;
  private final String detail;

  public NettoolException(ExitCode exitCode, String what, String detail) {
    this(exitCode, what, detail, null);
  }

  public NettoolException(ExitCode exitCode, String what, String detail, Throwable cause) {
    super(what + ": " + detail, cause);
    this.exitCode = exitCode;
    this.what = what;
    this.detail = detail;
  }

  public ExitCode exitCode() {
    return exitCode;
  }

  public String what() {
    return what;
  }

  public String detail() {
    return detail;
  }
}
