package dev.nettool.cli.options;

import picocli.CommandLine.Option;

/** {@code --hex}, for the commands that have bytes to dump. */
public final class HexOptions {
  @Option(names = "--hex", description = "Add a hex dump to data events.")
  boolean hex;

  public boolean hex() {
    return hex;
  }
}
