package dev.nettool.cli;

/**
 * The build's {@link CommandSnapshot}, as a string constant in a class of its own, so that a run
 * maps it from the class-data-sharing archive with the code instead of reading a resource: the
 * first resource read opens the jar's 14,000-entry directory, which cost a one-shot
 * {@code tcp-client} about 6 ms.
 *
 * <p>This source is a stand-in: after compiling, the build writes the snapshot and replaces this
 * class file with one whose {@link #text()} returns it ({@code cli/src/build/SnapshotClass.java}).
 * Compiled without that step (in an IDE, say), {@link #text()} returns null and every command line
 * goes through picocli's annotated model.
 */
final class CommandSnapshotText {
  private CommandSnapshotText() {}

  /** The snapshot, or null when the build did not make one. */
  static String text() {
    return null;
  }
}
