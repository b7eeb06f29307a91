package dev.nettool.cli.http;

import dev.nettool.cli.CliContext;
import picocli.CommandLine.Command;

/** {@code nettool https-server}: {@code http-server --tls}, the same options and the same server. */
@Command(name = "https-server", header = "HTTPS test server: http-server with TLS, h2 by ALPN",
    mixinStandardHelpOptions = true,
    description = "http-server over TLS 1.2/1.3. The certificate comes from --cert/--key, or a CA and a certificate "
        + "for localhost are made at start (in --cert-dir, by default a new private temp dir, removed at exit) and "
        + "the ready line names the CA for curl --cacert. h2 and http/1.1 are offered by ALPN. --client-ca asks "
        + "for client certificates, whose subject and fingerprint /anything shows. --tls is implied.")
public final class HttpsServerCommand extends HttpServerCommand {
  HttpsServerCommand(CliContext ctx) {
    super(ctx);
  }

  @Override
  boolean tlsImplied() {
    return true;
  }
}
