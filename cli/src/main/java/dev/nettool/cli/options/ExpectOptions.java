package dev.nettool.cli.options;

import dev.nettool.protocols.ExitCode;
import dev.nettool.protocols.NettoolException;
import dev.nettool.protocols.expect.Expectation;
import java.util.Optional;
import java.util.regex.PatternSyntaxException;
import picocli.CommandLine.Option;

/** {@code --expect TEXT} and {@code --expect-regex RE}: exit 0 as soon as it is seen, 1 if never. */
public final class ExpectOptions {
  @Option(names = "--expect", paramLabel = "TEXT", description = "Exit 0 as soon as TEXT is received; 1 if never.")
  String text;

  @Option(names = "--expect-regex", paramLabel = "RE",
      description = "Exit 0 as soon as the regular expression RE matches what was received; 1 if never.")
  String regex;

  /** The expectation, if one was given (a fresh one each call: it holds state). */
  public Optional<Expectation> expectation() {
    if (text != null && regex != null) {
      throw new NettoolException(ExitCode.USAGE, "--expect", "give --expect or --expect-regex, not both");
    }
    if (text != null) {
      return Optional.of(Expectation.literal(text));
    }
    if (regex != null) {
      try {
        return Optional.of(Expectation.regex(regex));
      } catch (PatternSyntaxException e) {
        throw new NettoolException(ExitCode.USAGE, "--expect-regex", e.getDescription() + " in '" + regex + "'");
      }
    }
    return Optional.empty();
  }
}
