package dev.nettool.cli.options;

import dev.nettool.protocols.ExitCode;
import dev.nettool.protocols.NettoolException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Backslash escapes in texts typed on the command line ({@code --data 'ping\n'}), as {@code echo -e}
 * reads them: {@code \n}, {@code \r}, {@code \t}, {@code \0}, {@code \\} and {@code \xHH} (one raw
 * byte); any other backslash stays as it is. The rest of the text is encoded as UTF-8.
 */
public final class Escapes {
  private Escapes() {}

  /** The bytes of {@code text} with its escapes replaced; {@code option} names the option in an error. */
  public static byte[] toBytes(String text, String option) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(text.length());
    int plain = 0;
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) != '\\' || i + 1 == text.length()) {
        continue;
      }
      int escape = escapeByte(text, i + 1, option);
      if (escape < 0) {
        i++;
        continue;
      }
      out.writeBytes(text.substring(plain, i).getBytes(StandardCharsets.UTF_8));
      out.write(escape);
      i += text.charAt(i + 1) == 'x' ? 3 : 1;
      plain = i + 1;
    }
    out.writeBytes(text.substring(plain).getBytes(StandardCharsets.UTF_8));
    return out.toByteArray();
  }

  // The byte an escape stands for, or -1 when the backslash is kept as it is.
  private static int escapeByte(String text, int at, String option) {
    return switch (text.charAt(at)) {
      case 'n' -> '\n';
      case 'r' -> '\r';
      case 't' -> '\t';
      case '0' -> 0;
      case '\\' -> '\\';
      case 'x' -> hex(text, at, option);
      default -> -1;
    };
  }

  private static int hex(String text, int at, String option) {
    try {
      return Integer.parseInt(text.substring(at + 1, at + 3), 16);
    } catch (NumberFormatException | IndexOutOfBoundsException e) {
      throw new NettoolException(ExitCode.USAGE, option, "'" + text + "' has a \\x escape without two hex digits");
    }
  }
}
