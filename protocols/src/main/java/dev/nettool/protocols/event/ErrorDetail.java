package dev.nettool.protocols.event;

import java.util.regex.Pattern;

/**
 * The reason for a failure as the system says it ({@code Connection reset by peer}), the same on
 * every transport: without the prefix native transports add ({@code sendAddress(..) failed with
 * error(-104): }, {@code io_uring read(..) failed with error(-104): }) and with NIO's shorter
 * wording made the kernel's.
 */
public final class ErrorDetail {
  private static final Pattern NATIVE_PREFIX =
      Pattern.compile("^(?:\\w+ )?\\w+\\(\\.\\.\\) failed(?: with error\\(-?\\d+\\))?: ");

  private ErrorDetail() {}

  public static String of(Throwable cause) {
    String msg = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    msg = NATIVE_PREFIX.matcher(msg).replaceFirst("");
    return msg.equals("Connection reset") ? "Connection reset by peer" : msg;
  }
}
