package dev.nettool.cli.cert;

import dev.nettool.cli.CliContext;
import dev.nettool.cli.options.OutputOptions;
import dev.nettool.protocols.tls.CertDirectory;
import dev.nettool.protocols.tls.CertDirectoryConfig;
import dev.nettool.protocols.tls.CertificateValidity;
import dev.nettool.protocols.tls.KeyType;
import dev.nettool.protocols.tls.SubjectName;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/** {@code nettool cert --out DIR [--name N]... [--san S]... [--client NAME]...}, like mkcert for tests. */
@Command(name = "cert", header = "Generate a local CA and server/client certificates (PEM)",
    mixinStandardHelpOptions = true,
    description = {"Write into DIR: ca.pem and ca-key.pem (a new CA, unless DIR already",
        "holds one or --ca-cert/--ca-key give one), server.pem (the server",
        "certificate, then the CA) and server-key.pem, and for each --client NAME:",
        "NAME.pem (CN=NAME, then the CA) and NAME-key.pem. Keys are PKCS#8 PEM",
        "files, mode 0600. A new CA is valid for 10 years (or --days if longer)."})
public final class CertCommand implements Callable<Integer> {
  private final CliContext ctx;

  @Spec CommandSpec spec;
  @Mixin OutputOptions output;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "Where the PEM files go (created 0700).")
  Path out;

  @Option(names = "--name", paramLabel = "NAME",
      description = "A name of the server, DNS or IP; repeatable. The first is also the CN. "
          + "Default: localhost, 127.0.0.1 and ::1.")
  List<String> names = new ArrayList<>();

  @Option(names = "--san", paramLabel = "SAN", split = ",",
      description = "More alternative names for the server: DNS:host, IP:addr, or a bare value (an IP if it "
          + "parses as one); repeatable, comma-separated.")
  List<String> sans = new ArrayList<>();

  @Option(names = "--days", paramLabel = "N", defaultValue = "" + CertificateValidity.LEAF_DAYS,
      description = "Validity of the server and client certificates in days; 0 makes them already expired "
          + "(default: ${DEFAULT-VALUE}).")
  int days;

  @Option(names = "--client", paramLabel = "NAME",
      description = "Also write a client certificate with CN=NAME to NAME.pem and NAME-key.pem; repeatable.")
  List<String> clients = new ArrayList<>();

  @Option(names = "--ca-cert", paramLabel = "FILE", description = "Sign with this CA certificate (PEM; needs --ca-key).")
  Path caCert;

  @Option(names = "--ca-key", paramLabel = "FILE", description = "The CA's private key (PEM: PKCS#8, PKCS#1 or SEC1).")
  Path caKey;

  @Option(names = "--key-type", paramLabel = "TYPE", defaultValue = "ec", converter = KeyTypeConverter.class,
      description = "ec (ECDSA P-256) or rsa2048 (default: ${DEFAULT-VALUE}).")
  KeyType keyType;

  CertCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    if ((caCert == null) != (caKey == null)) {
      throw usage("--ca-cert and --ca-key go together: give both or neither");
    }
    if (days < 0 || days > CertDirectoryConfig.MAX_DAYS) {
      throw usage("Invalid value for option '--days': " + days + " is not from 0 to " + CertDirectoryConfig.MAX_DAYS);
    }
    for (String client : clients) {
      checkClient(client);
    }
    CertDirectoryConfig config;
    try {
      config = new CertDirectoryConfig(out, serverNames(), clients, days, keyType, caCert, caKey);
    } catch (IllegalArgumentException e) {
      throw usage("Invalid value for option '--client': " + e.getMessage());
    }
    new CertDirectory(config, output.printer(ctx.out(), false)).write(Instant.now());
    return 0;
  }

  private List<SubjectName> serverNames() {
    Set<SubjectName> all = new LinkedHashSet<>(names.isEmpty() ? CertDirectoryConfig.DEFAULT_NAMES : parse(names, "--name"));
    all.addAll(parse(sans, "--san"));
    return List.copyOf(all);
  }

  private List<SubjectName> parse(List<String> values, String option) {
    List<SubjectName> parsed = new ArrayList<>();
    for (String v : values) {
      try {
        parsed.add(SubjectName.parse(v));
      } catch (IllegalArgumentException e) {
        throw usage("Invalid value for option '" + option + "': " + e.getMessage());
      }
    }
    return parsed;
  }

  private void checkClient(String client) {
    try {
      CertDirectoryConfig.checkClientName(client);
    } catch (IllegalArgumentException e) {
      throw usage("Invalid value for option '--client': " + e.getMessage());
    }
  }

  private ParameterException usage(String message) {
    return new ParameterException(spec.commandLine(), message);
  }

  /** {@code ec} or {@code rsa2048}. */
  static final class KeyTypeConverter implements ITypeConverter<KeyType> {
    @Override
    public KeyType convert(String value) {
      try {
        return KeyType.ofOptionName(value);
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException(e.getMessage());
      }
    }
  }
}
