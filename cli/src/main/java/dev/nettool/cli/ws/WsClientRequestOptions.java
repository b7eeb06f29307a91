package dev.nettool.cli.ws;

import dev.nettool.cli.options.Converters;
import dev.nettool.clients.ws.WsClientConfig;
import dev.nettool.protocols.ExitCode;
import dev.nettool.protocols.NettoolException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/** What the upgrade request asks for: {@code -H}, {@code --subprotocol}, {@code --origin}, {@code --max-message}. */
final class WsClientRequestOptions {
  @Option(names = {"-H", "--header"}, paramLabel = "'NAME: VALUE'",
      description = "Add a header to the upgrade request (repeatable).")
  List<String> headers = new ArrayList<>();

  @Option(names = "--subprotocol", paramLabel = "NAME",
      description = "Offer a subprotocol, in order of preference (repeatable); the chosen one is in the connect event.")
  List<String> subprotocols = new ArrayList<>();

  @Option(names = "--origin", paramLabel = "ORIGIN", description = "Send Origin: ORIGIN, as a browser would.")
  String origin;

  @Option(names = "--max-message", paramLabel = "SIZE", converter = Converters.SizeConverter.class,
      defaultValue = "1MB",
      description = "The largest message accepted; a larger one is answered with close 1009 (default: ${DEFAULT-VALUE}).")
  long maxMessage;

  /** {@code config} with the headers, subprotocols and limit; a malformed header is a usage error. */
  WsClientConfig apply(WsClientConfig config) {
    List<Map.Entry<String, String>> parsed = new ArrayList<>();
    for (String h : headers) {
      int colon = h.indexOf(':');
      String name = colon < 0 ? "" : h.substring(0, colon).trim();
      if (name.isEmpty() || !name.chars().allMatch(WsClientRequestOptions::isTokenChar)) {
        throw new NettoolException(ExitCode.USAGE, "-H", "'" + h + "' is not NAME: VALUE");
      }
      parsed.add(Map.entry(name, h.substring(colon + 1).trim()));
    }
    if (origin != null) {
      parsed.add(Map.entry("Origin", origin));
    }
    for (String p : subprotocols) {
      if (p.isEmpty() || !p.chars().allMatch(WsClientRequestOptions::isTokenChar)) {
        throw new NettoolException(ExitCode.USAGE, "--subprotocol", "'" + p + "' is not a token");
      }
    }
    if (maxMessage < 1 || maxMessage > Integer.MAX_VALUE - 8) {
      throw new NettoolException(ExitCode.USAGE, "--max-message", "must be between 1 byte and 2GB");
    }
    return config.withHeaders(parsed).withSubprotocols(subprotocols).withMaxMessage((int) maxMessage);
  }

  // RFC 9110's token: what header names and subprotocol names are made of.
  private static boolean isTokenChar(int c) {
    return c > 0x20 && c < 0x7f && "\"(),/:;<=>?@[\\]{}".indexOf(c) < 0;
  }
}
