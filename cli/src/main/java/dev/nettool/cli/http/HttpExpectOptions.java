package dev.nettool.cli.http;

import dev.nettool.clients.http.HttpExpectations;
import dev.nettool.clients.http.HttpStatusPattern;
import dev.nettool.protocols.ExitCode;
import dev.nettool.protocols.NettoolException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import picocli.CommandLine.Option;

/** {@code --expect-status}, {@code --expect-body}, {@code --expect-body-regex}, {@code --expect-header}, {@code --fail}. */
final class HttpExpectOptions {
  @Option(names = "--expect-status", paramLabel = "STATUS", split = ",",
      description = "Exit 1 unless the status is one of these: 200, 2xx (repeatable or a comma list).")
  List<String> statuses = new ArrayList<>();

  @Option(names = "--expect-body", paramLabel = "TEXT", description = "Exit 1 unless the body contains TEXT.")
  String body;

  @Option(names = "--expect-body-regex", paramLabel = "RE",
      description = "Exit 1 unless the regular expression RE matches somewhere in the body.")
  String bodyRegex;

  @Option(names = "--expect-header", paramLabel = "'NAME: VALUE'",
      description = "Exit 1 unless header NAME is there and contains VALUE (repeatable); 'NAME' alone: is there.")
  List<String> headers = new ArrayList<>();

  @Option(names = {"-f", "--fail"}, description = "A 4xx or 5xx status fails the run (exit 1), its body unwritten.")
  boolean fail;

  HttpExpectations expectations() {
    List<HttpStatusPattern> patterns = new ArrayList<>();
    for (String s : statuses) {
      try {
        patterns.add(HttpStatusPattern.parse(s));
      } catch (IllegalArgumentException e) {
        throw new NettoolException(ExitCode.USAGE, "--expect-status", e.getMessage());
      }
    }
    if (bodyRegex != null) {
      try {
        Pattern.compile(bodyRegex);
      } catch (PatternSyntaxException e) {
        throw new NettoolException(ExitCode.USAGE, "--expect-body-regex", e.getDescription() + " in '" + bodyRegex
            + "'");
      }
    }
    try {
      return new HttpExpectations(patterns, body, bodyRegex, headers);
    } catch (IllegalArgumentException e) {
      throw new NettoolException(ExitCode.USAGE, "--expect-header", e.getMessage());
    }
  }

  boolean fail() {
    return fail;
  }

  /** Whether something only a single exchange can check was asked for. */
  boolean checksBodyOrHeaders() {
    return body != null || bodyRegex != null || !headers.isEmpty();
  }
}
