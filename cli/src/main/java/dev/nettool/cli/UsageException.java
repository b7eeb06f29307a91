package dev.nettool.cli;

/**
 * A usage error a command finds itself, after its options were read (a URL that does not parse,
 * say): reported as picocli reports one, {@code nettool: usage: <message>} and a pointer to
 * {@code --help}, exit 2, without the command needing picocli's spec to raise it.
 */
public final class UsageException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public UsageException(String message) {
    super(message);
  }
}
