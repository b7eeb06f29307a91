package dev.nettool.cli.options;

import dev.nettool.protocols.ExitCode;
import dev.nettool.protocols.NettoolException;
import dev.nettool.protocols.tls.PemFiles;
import dev.nettool.protocols.tls.TlsClientConfig;
import dev.nettool.protocols.tls.TlsIdentity;
import java.io.PrintStream;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * How a TLS client checks its server and shows itself: {@code --cacert}, {@code --insecure},
 * {@code --cert/--key}, {@code --servername}. Whether TLS is spoken at all is the command's to say
 * ({@code tcp-client --tls}, an {@code https://} URL).
 */
public final class TlsClientOptions {
  @Option(names = "--cacert", paramLabel = "FILE", description = "TLS: trust only the CA certificates in FILE (PEM).")
  Path cacert;

  @Option(names = "--insecure", description = "TLS: do not verify the server's certificate (a warning says so).")
  boolean insecure;

  @Option(names = "--cert", paramLabel = "FILE", description = "TLS: a client certificate chain to show (PEM).")
  Path cert;

  @Option(names = "--key", paramLabel = "FILE", description = "TLS: the key of --cert (PEM).")
  Path key;

  @Option(names = "--servername", paramLabel = "NAME",
      description = "TLS: the name sent as SNI and checked in the certificate (default: the target's host).")
  String serverName;

  /** Refuses every option given here, as a usage error saying it {@code needs} something ({@code --tls}). */
  public void refuse(String needs) {
    String stray = cacert != null ? "--cacert" : insecure ? "--insecure" : cert != null ? "--cert"
        : key != null ? "--key" : serverName != null ? "--servername" : null;
    if (stray != null) {
      throw new NettoolException(ExitCode.USAGE, stray, "needs " + needs);
    }
  }

  /**
   * How to speak TLS; with {@code --insecure} a warning goes to {@code err}. Inconsistent options and
   * unreadable files are usage errors.
   */
  public TlsClientConfig config(PrintStream err) {
    if (insecure && cacert != null) {
      throw new NettoolException(ExitCode.USAGE, "--insecure", "not with --cacert (one trusts nothing in particular)");
    }
    if ((cert == null) != (key == null)) {
      throw new NettoolException(ExitCode.USAGE, cert == null ? "--key" : "--cert", "--cert and --key go together");
    }
    TlsClientConfig config = TlsClientConfig.system().withInsecure(insecure).withServerName(serverName);
    if (cacert != null) {
      config = config.withTrusted(PemFiles.readCertificates(cacert));
    }
    if (cert != null) {
      TlsIdentity identity = TlsIdentity.read(cert, key);
      config = config.withIdentity(identity.chain(), identity.key());
    }
    if (insecure) {
      err.println("nettool: warning: --insecure: the server's certificate is not verified");
    }
    return config;
  }
}
