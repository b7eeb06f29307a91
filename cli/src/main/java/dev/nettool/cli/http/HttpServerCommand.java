package dev.nettool.cli.http;

import dev.nettool.cli.CliContext;
import dev.nettool.cli.ServerLifetime;
import dev.nettool.cli.options.LifetimeOptions;
import dev.nettool.cli.options.ListenOptions;
import dev.nettool.cli.options.OutputOptions;
import dev.nettool.cli.options.ReadyOptions;
import dev.nettool.cli.options.TlsServerOptions;
import dev.nettool.cli.options.TransportOptions;
import dev.nettool.protocols.event.EventSink;
import dev.nettool.servers.http.HttpServer;
import dev.nettool.servers.http.HttpServerConfig;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code nettool http-server}: an HTTP/1.1 and HTTP/2 test server with one {@code request} event per exchange;
 * {@link HttpsServerCommand} is the same with TLS on.
 */
@Command(name = "http-server", header = "HTTP/1.1 and HTTP/2 test server", mixinStandardHelpOptions = true,
    description = {"An HTTP/1.1 server: keep-alive, pipelining, chunked bodies, 100-continue,",
        "HEAD and OPTIONS on every route, optional compression, CORS and Basic auth.",
        "HTTP/2 on the same port: h2c by prior knowledge or Upgrade, h2 by ALPN with --tls.",
        "One line per request: GET /get 200 312B 0.4ms #2."})
public class HttpServerCommand implements Callable<Integer> {
  private final CliContext ctx;

  @Mixin ListenOptions listen;
  @Mixin TransportOptions transport;
  @Mixin OutputOptions output;
  @Mixin LifetimeOptions lifetime;
  @Mixin ReadyOptions ready;
  @Mixin HttpCoreOptions core;
  @Mixin HttpLimitOptions limits;
  @Mixin HttpStaticOptions files;
  @Mixin HttpRouteOptions routes;
  @Mixin HttpEndpointOptions endpoints;
  @Mixin TlsServerOptions tls;

  HttpServerCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    HttpServerConfig.Builder config = HttpServerConfig.builder()
        .listen(listen.endpoint())
        .transport(transport.kind())
        .count(lifetime.count())
        .tls(tls.config(tlsImplied()));
    for (HttpServerOptionGroup group : List.<HttpServerOptionGroup>of(core, limits, files, routes, endpoints)) {
      group.apply(config);
    }
    EventSink sink = output.printer(ctx.out(), false);
    return ServerLifetime.run(ctx, new HttpServer(config.build(), sink), sink, ready.signal(ctx.env()), lifetime);
  }

  /** Whether TLS is on without {@code --tls}. */
  boolean tlsImplied() {
    return false;
  }
}
