package dev.nettool.cli.wait;

import java.util.List;

/**
 * The positional words of {@code wait-for} split at {@code --}: the targets before it, the command after.
 *
 * @param targets the TARGET words, in order
 * @param command the command and its arguments, empty when no {@code --} was given
 */
record WaitForArguments(List<String> targets, List<String> command) {
  WaitForArguments {
    targets = List.copyOf(targets);
    command = List.copyOf(command);
  }

  /**
   * Splits {@code positionals} (everything picocli did not take as an option, which includes the
   * words after {@code --}) using the command line {@code args} to see where {@code --} was.
   */
  static WaitForArguments split(List<String> positionals, List<String> args) {
    int dash = args.indexOf("--");
    if (dash < 0) {
      return new WaitForArguments(positionals, List.of());
    }
    int after = args.size() - dash - 1;
    int cut = Math.max(0, positionals.size() - after);
    return new WaitForArguments(positionals.subList(0, cut), positionals.subList(cut, positionals.size()));
  }
}
