package dev.nettool.servers.ws;

/** What the server does with each message; each mode is one handler. */
public enum WsMode {
  /** Every message goes back to its sender as it came. */
  ECHO("echo"),
  /** Every message goes to every open session of the same server or route, the sender included. */
  BROADCAST("broadcast"),
  /** Messages are counted and dropped. */
  DISCARD("discard");

  private final String label;

  WsMode(String label) {
    this.label = label;
  }

  /** The mode's name as typed after {@code --mode}. */
  public String label() {
    return label;
  }
}
