package dev.nettool.protocols.event;

/** How much a run shows: {@code -q} keeps only the ready line and errors, {@code -v} adds data events. */
public enum Verbosity {
  QUIET,
  NORMAL,
  VERBOSE;

  /** Whether an event of level {@code level} is shown at this verbosity. */
  public boolean shows(Verbosity level) {
    return level.ordinal() <= ordinal();
  }
}
