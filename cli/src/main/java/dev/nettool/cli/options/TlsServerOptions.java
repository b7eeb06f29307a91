package dev.nettool.cli.options;

import dev.nettool.protocols.ExitCode;
import dev.nettool.protocols.NettoolException;
import dev.nettool.protocols.tls.PemFiles;
import dev.nettool.protocols.tls.TlsClientAuth;
import dev.nettool.protocols.tls.TlsServerConfig;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** A server's TLS: {@code --tls}, {@code --cert/--key} or {@code --cert-dir}, {@code --client-ca}, {@code --client-auth}. */
public final class TlsServerOptions {
  @Option(names = "--tls", description = "Speak TLS (1.2 and 1.3); without --cert a certificate is made at start.")
  boolean tls;

  @Option(names = "--cert", paramLabel = "FILE", description = "TLS: the server's certificate chain (PEM, leaf first).")
  Path cert;

  @Option(names = "--key", paramLabel = "FILE", description = "TLS: the key of --cert (PEM: PKCS#8, PKCS#1 or SEC1).")
  Path key;

  @Option(names = "--cert-dir", paramLabel = "DIR",
      description = "TLS: where to make (or reuse) the CA and the server certificate "
          + "(default: a new private temp dir, removed at exit).")
  Path certDir;

  @Option(names = "--client-ca", paramLabel = "FILE",
      description = "TLS: ask clients for a certificate issued by this CA (PEM).")
  Path clientCa;

  @Option(names = "--client-auth", paramLabel = "WHEN",
      description = "TLS with --client-ca: want or require a client certificate (default: require).")
  String clientAuth;

  /** The TLS material, or {@code null} without {@code --tls}; inconsistent options are usage errors. */
  public TlsServerConfig config() {
    return config(false);
  }

  /** As {@link #config()}, with TLS on even without {@code --tls} when {@code implied} (a command that is TLS). */
  public TlsServerConfig config(boolean implied) {
    if (!tls && !implied) {
      String stray = cert != null ? "--cert" : key != null ? "--key" : certDir != null ? "--cert-dir"
          : clientCa != null ? "--client-ca" : clientAuth != null ? "--client-auth" : null;
      if (stray != null) {
        throw usage(stray, "needs --tls");
      }
      return null;
    }
    if ((cert == null) != (key == null)) {
      throw usage(cert == null ? "--key" : "--cert", "--cert and --key go together");
    }
    if (cert != null && certDir != null) {
      throw usage("--cert-dir", "not with --cert/--key (the certificate is given, nothing is made)");
    }
    TlsClientAuth auth = clientAuth();
    TlsServerConfig material = cert != null ? TlsServerConfig.fromFiles(cert, key) : TlsServerConfig.generate(certDir);
    return auth == TlsClientAuth.NONE ? material
        : material.withClientAuth(PemFiles.readCertificates(clientCa), auth);
  }

  private TlsClientAuth clientAuth() {
    if (clientCa == null) {
      if (clientAuth != null) {
        throw usage("--client-auth", "needs --client-ca FILE (the CA client certificates must come from)");
      }
      return TlsClientAuth.NONE;
    }
    if (clientAuth == null || clientAuth.equals("require")) {
      return TlsClientAuth.REQUIRE;
    }
    if (clientAuth.equals("want")) {
      return TlsClientAuth.WANT;
    }
    throw usage("--client-auth", "'" + clientAuth + "' is not one of want, require");
  }

  private static NettoolException usage(String option, String detail) {
    return new NettoolException(ExitCode.USAGE, option, detail);
  }
}
