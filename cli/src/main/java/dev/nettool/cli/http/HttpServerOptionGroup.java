package dev.nettool.cli.http;

import dev.nettool.servers.http.HttpServerConfig;

/** A mixin of {@code http-server} options that contributes its part to the server's config. */
interface HttpServerOptionGroup {
  void apply(HttpServerConfig.Builder config);
}
