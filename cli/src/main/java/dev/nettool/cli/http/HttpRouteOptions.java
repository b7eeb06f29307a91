package dev.nettool.cli.http;

import dev.nettool.protocols.ExitCode;
import dev.nettool.protocols.NettoolException;
import dev.nettool.servers.http.HttpRoute;
import dev.nettool.servers.http.HttpScriptedRoutes;
import dev.nettool.servers.http.HttpServerConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import picocli.CommandLine.Option;

/** Scripted routes: {@code --route SPEC} (repeatable) and {@code --routes FILE}; they win over every endpoint. */
final class HttpRouteOptions implements HttpServerOptionGroup {
  @Option(names = "--route", paramLabel = "SPEC",
      description = {"Answer METHOD PATH with STATUS and BODY: 'GET /health 200 ok', 'POST /orders 201 @order.json',",
          "'GET /users/{id} 200 {\"id\": \"{id}\"}', 'GET /p 200 Content-Type:text/html <b>hi</b>'. METHOD may be *;",
          "repeatable; the first match wins."})
  List<String> specs = new ArrayList<>();

  @Option(names = "--routes", paramLabel = "FILE",
      description = "Routes from a JSON array of {method, path, status, headers, body | file, delay}.")
  Path file;

  @Override
  public void apply(HttpServerConfig.Builder config) {
    List<HttpRoute> routes = new ArrayList<>();
    for (String spec : specs) {
      routes.add(parsed("--route", () -> HttpScriptedRoutes.parse(spec)));
    }
    if (file != null) {
      routes.addAll(parsed("--routes", () -> HttpScriptedRoutes.parseFile(file)));
    }
    config.routes(routes);
  }

  /** Runs a parser; its IllegalArgumentException (which quotes the spec) becomes a usage error naming the option. */
  private static <T> T parsed(String option, Supplier<T> parser) {
    try {
      return parser.get();
    } catch (IllegalArgumentException e) {
      throw new NettoolException(ExitCode.USAGE, "usage", option + " " + e.getMessage());
    }
  }
}
