package dev.nettool.cli.http;

import dev.nettool.cli.CliContext;
import dev.nettool.cli.ClientLifetime;
import dev.nettool.clients.http.HttpClientConfig;
import dev.nettool.clients.http.HttpExpectations;
import dev.nettool.clients.http.HttpLoad;
import dev.nettool.clients.http.HttpLoadConfig;
import dev.nettool.clients.http.HttpLoadReport;
import dev.nettool.clients.http.HttpStatusPattern;
import dev.nettool.protocols.ExitCode;
import dev.nettool.protocols.NettoolException;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Runs load mode for {@code http-client} and turns the report into output and an exit code: 0 unless a
 * response broke {@code --fail} or {@code --expect-status}, or no request got a response at all (5 when every
 * handshake failed, with the first reason).
 */
final class HttpLoadRun {
  private HttpLoadRun() {}

  static int run(CliContext ctx, HttpClientConfig client, HttpLoadConfig config, boolean json, boolean fail) {
    try (HttpLoad load = new HttpLoad(config)) {
      return ClientLifetime.await(ctx, load.start().thenApply(r -> verdict(ctx, r, client.expectations(), fail, json)),
          null, "http-client load");
    }
  }

  private static int verdict(CliContext ctx, HttpLoadReport r, HttpExpectations expect, boolean fail, boolean json) {
    ctx.out().print(json ? HttpLoadReportPrinter.json(r) : HttpLoadReportPrinter.text(r));
    ctx.out().flush();
    if (r.responses() == 0 && r.tlsErrors() == r.errors()) {
      throw new NettoolException(ExitCode.TLS, "tls", r.tlsFailure());
    }
    if (r.responses() == 0) {
      ExitCode code = r.connectErrors() == r.errors() ? ExitCode.CONNECT : ExitCode.FAILURE;
      throw new NettoolException(code, "load failed", "no request got a response (" + r.errors() + " errors)");
    }
    Map<Integer, Long> bad = r.statuses().entrySet().stream()
        .filter(e -> fail && e.getKey() >= 400
            || expect.hasStatus() && expect.statuses().stream().noneMatch(s -> s.matches(e.getKey())))
        .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    if (!bad.isEmpty()) {
      String what = expect.hasStatus() ? "expectation not met" : "requests failed";
      String want = expect.hasStatus() ? ", expected " + expect.statuses().stream().map(HttpStatusPattern::toString)
          .collect(Collectors.joining(" or ")) : "";
      String got = bad.entrySet().stream().sorted(Map.Entry.comparingByKey())
          .map(e -> e.getValue() + " with status " + e.getKey()).collect(Collectors.joining(", "));
      throw new NettoolException(ExitCode.FAILURE, what, got + want);
    }
    return ExitCode.OK.code();
  }
}
