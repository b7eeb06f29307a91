package dev.nettool.e2e;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A server's ready line, parsed from either of its shapes:
 * {@code listening tcp 127.0.0.1:41731 transport=epoll mode=echo nodelay=off} or
 * {@code {"event":"listening","proto":"tcp","host":"127.0.0.1","port":41731,"transport":"epoll",...}}.
 *
 * @param line the line as printed
 * @param proto {@code tcp}, {@code unix}, {@code udp}, ...
 * @param host the bound host, or the socket path for {@code unix}
 * @param port the bound port, 0 for a Unix socket
 * @param transport {@code epoll}, {@code io_uring} or {@code nio}
 * @param fields every other field, as strings ({@code mode}, {@code nodelay}, ...)
 */
record ReadyLine(String line, String proto, String host, int port, String transport, Map<String, String> fields) {
  private static final Pattern TEXT = Pattern.compile("listening (\\S+) (\\S+)((?: \\S+=\\S*)*)");
  private static final Pattern INET = Pattern.compile("\\[?([^\\[\\]]+)]?:(\\d+)");

  static ReadyLine parse(String line) {
    return line.startsWith("{") ? parseJson(line) : parseText(line);
  }

  private static ReadyLine parseText(String line) {
    Matcher m = TEXT.matcher(line);
    if (!m.matches()) {
      throw new AssertionError("not a ready line: " + line);
    }
    Map<String, String> fields = new LinkedHashMap<>();
    for (String pair : m.group(3).trim().split(" ")) {
      if (!pair.isEmpty()) {
        int eq = pair.indexOf('=');
        fields.put(pair.substring(0, eq), pair.substring(eq + 1));
      }
    }
    String address = m.group(2);
    String transport = fields.remove("transport");
    if (address.startsWith("unix:")) {
      return new ReadyLine(line, m.group(1), address.substring("unix:".length()), 0, transport, fields);
    }
    Matcher a = INET.matcher(address);
    if (!a.matches()) {
      throw new AssertionError("no HOST:PORT in ready line: " + line);
    }
    return new ReadyLine(line, m.group(1), a.group(1), Integer.parseInt(a.group(2)), transport, fields);
  }

  private static ReadyLine parseJson(String line) {
    Map<String, Object> map;
    try {
      map = JSON.std.mapFrom(line);
    } catch (IOException e) {
      throw new AssertionError("ready line is not JSON: " + line, e);
    }
    if (!"listening".equals(map.get("event"))) {
      throw new AssertionError("not a listening event: " + line);
    }
    Map<String, String> fields = new LinkedHashMap<>();
    map.forEach((k, v) -> fields.put(k, String.valueOf(v)));
    String proto = fields.remove("proto");
    String host = fields.remove("host");
    String transport = fields.remove("transport");
    Object port = map.get("port");
    fields.remove("port");
    return new ReadyLine(line, proto, host, port instanceof Number n ? n.intValue() : 0, transport, fields);
  }
}
