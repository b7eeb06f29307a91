package dev.nettool.cli.http;

import com.fasterxml.jackson.jr.ob.JSON;
import dev.nettool.clients.http.HttpLoadReport;
import dev.nettool.protocols.unit.Durations;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** The load report as text lines (rate, latency, statuses, errors) or as one JSON object. */
final class HttpLoadReportPrinter {
  private HttpLoadReportPrinter() {}

  static String text(HttpLoadReport r) {
    String statuses = r.statuses().isEmpty() ? "none" : r.statuses().entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(" "));
    // The protocol and TLS failures are named only when there is something to say: HTTP/1.1 runs read as before.
    String over = r.protocol().equals("HTTP/1.1") ? "" : " (" + r.protocol() + ")";
    return String.format(Locale.ROOT, "requests %d in %s over %d connections%s: %.1f req/s%n", r.responses(),
        Durations.format(r.took()), r.connections(), over, r.requestsPerSecond())
        + "latency p50 " + Durations.format(r.p50()) + " p90 " + Durations.format(r.p90()) + " p99 "
        + Durations.format(r.p99()) + " max " + Durations.format(r.max()) + System.lineSeparator()
        + "status " + statuses + System.lineSeparator()
        + "errors connect=" + r.connectErrors() + " timeout=" + r.timeouts() + " malformed=" + r.malformed()
        + " closed=" + r.closed() + (r.tlsErrors() == 0 ? "" : " tls=" + r.tlsErrors() + " (" + r.tlsFailure() + ")")
        + System.lineSeparator()
        + "body " + r.bodyBytes() + " bytes" + System.lineSeparator();
  }

  static String json(HttpLoadReport r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("requests", r.responses());
    m.put("connections", r.connections());
    m.put("httpVersion", r.protocol());
    m.put("ms", HttpResultJson.millis(r.took()));
    m.put("requestsPerSecond", Math.round(r.requestsPerSecond() * 10) / 10.0);
    Map<String, Object> latency = new LinkedHashMap<>();
    latency.put("p50", HttpResultJson.millis(r.p50()));
    latency.put("p90", HttpResultJson.millis(r.p90()));
    latency.put("p99", HttpResultJson.millis(r.p99()));
    latency.put("max", HttpResultJson.millis(r.max()));
    m.put("latencyMs", latency);
    Map<String, Object> statuses = new LinkedHashMap<>();
    r.statuses().entrySet().stream().sorted(Map.Entry.comparingByKey())
        .forEach(e -> statuses.put(Integer.toString(e.getKey()), e.getValue()));
    m.put("status", statuses);
    Map<String, Object> errors = new LinkedHashMap<>();
    errors.put("connect", r.connectErrors());
    errors.put("timeout", r.timeouts());
    errors.put("malformed", r.malformed());
    errors.put("closed", r.closed());
    errors.put("tls", r.tlsErrors());
    if (r.tlsFailure() != null) {
      errors.put("tlsReason", r.tlsFailure());
    }
    m.put("errors", errors);
    m.put("bodyBytes", r.bodyBytes());
    try {
      return JSON.std.asString(m) + System.lineSeparator();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
