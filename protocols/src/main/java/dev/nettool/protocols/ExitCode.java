package dev.nettool.protocols;

/** The process exit codes every nettool command uses, as documented in the README and in {@code --help}. */
public enum ExitCode {
  OK(0, "success"),
  FAILURE(1, "an expectation (--expect...) was not met, or another failure"),
  USAGE(2, "usage error (bad option or value)"),
  CONNECT(3, "could not connect (refused, unreachable, name not resolved)"),
  TLS(5, "TLS failure (handshake, certificate verification)"),
  LISTEN(6, "could not listen (address in use, permission)"),
  PROTOCOL(7, "protocol error (malformed response, handshake rejected)"),
  TIMEOUT(124, "timed out"),
  INTERRUPTED(130, "interrupted");

  private final int code;
  private final String meaning;

  ExitCode(int code, String meaning) {
    this.code = code;
    this.meaning = meaning;
  }

  public int code() {
    return code;
  }

  public String meaning() {
    return meaning;
  }
}
