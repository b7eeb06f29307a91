package dev.nettool.cli.http;

import dev.nettool.cli.options.Converters;
import dev.nettool.servers.http.HttpServerConfig;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/** The server core's options: body limit, compression, CORS, Basic auth, threads. */
final class HttpCoreOptions implements HttpServerOptionGroup {
  @Option(names = "--max-body", paramLabel = "SIZE", converter = Converters.SizeConverter.class, defaultValue = "10MB",
      description = "Largest request body accepted, also after inflating a compressed one; larger: 413 "
          + "(default: ${DEFAULT-VALUE}).")
  long maxBody;

  @Option(names = "--compress", description = "gzip or deflate responses for clients that send Accept-Encoding.")
  boolean compress;

  @Option(names = "--cors", description = "Answer CORS preflights and allow any origin.")
  boolean cors;

  @Option(names = "--auth", paramLabel = "USER:PASS", converter = CredentialsConverter.class,
      description = "Require these Basic auth credentials on every route (401 without them).")
  String auth;

  @Option(names = "--threads", paramLabel = "N", description = "Event loop threads (default: one per core).")
  int threads;

  @Override
  public void apply(HttpServerConfig.Builder config) {
    config.maxBody(maxBody).compress(compress).cors(cors).auth(auth).threads(threads);
  }

  /** {@code USER:PASS} with a user name; the password may be empty or hold colons. */
  static final class CredentialsConverter implements ITypeConverter<String> {
    @Override
    public String convert(String value) {
      if (value.indexOf(':') < 1) {
        throw new TypeConversionException("'" + value + "' is not USER:PASS");
      }
      return value;
    }
  }
}
