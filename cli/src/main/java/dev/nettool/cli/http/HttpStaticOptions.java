package dev.nettool.cli.http;

import dev.nettool.cli.options.Converters;
import dev.nettool.protocols.ExitCode;
import dev.nettool.protocols.NettoolException;
import dev.nettool.servers.http.HttpMount;
import dev.nettool.servers.http.HttpServerConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/** Static files: {@code --dir}, {@code --mount}, {@code --list}, {@code --max-age}, {@code --follow-symlinks}. */
final class HttpStaticOptions implements HttpServerOptionGroup {
  @Option(names = "--dir", paramLabel = "DIR", converter = DirectoryConverter.class,
      description = "Serve the files of DIR at / (after the built-in endpoints, so a file never hides one).")
  Path dir;

  @Option(names = "--mount", paramLabel = "/PREFIX=DIR", converter = MountConverter.class,
      description = "Serve the files of DIR under /PREFIX (before the built-in endpoints); repeatable.")
  List<HttpMount> mounts = new ArrayList<>();

  @Option(names = "--list", description = "List a directory that has no index.html (403 otherwise).")
  boolean list;

  @Option(names = "--max-age", paramLabel = "DURATION", converter = Converters.DurationConverter.class,
      description = "Send Cache-Control: max-age with static files (e.g. 10m).")
  Duration maxAge;

  @Option(names = "--follow-symlinks", description = "Serve symlinks that lead out of a served directory (404 otherwise).")
  boolean followSymlinks;

  @Override
  public void apply(HttpServerConfig.Builder config) {
    List<HttpMount> all = new ArrayList<>(mounts);
    if (dir != null) {
      all.add(new HttpMount("/", dir));
    }
    if (all.isEmpty() && (list || maxAge != null || followSymlinks)) {
      throw new NettoolException(ExitCode.USAGE, "usage",
          "--list, --max-age and --follow-symlinks need --dir or --mount");
    }
    Set<String> prefixes = new HashSet<>();
    for (HttpMount m : all) {
      if (!prefixes.add(m.prefix())) {
        throw new NettoolException(ExitCode.USAGE, "usage", "two directories are mounted at " + m.prefix());
      }
    }
    config.mounts(all).listDirectories(list).maxAge(maxAge).followSymlinks(followSymlinks);
  }

  /** An existing directory. */
  static final class DirectoryConverter implements ITypeConverter<Path> {
    @Override
    public Path convert(String value) {
      Path p = Path.of(value);
      if (!Files.isDirectory(p)) {
        throw new TypeConversionException("'" + value + "' is not a directory");
      }
      return p;
    }
  }

  /** {@code /PREFIX=DIR}: a plain URL path (no dot segments, parameters or escapes) and an existing directory. */
  static final class MountConverter implements ITypeConverter<HttpMount> {
    private static final Pattern PREFIX = Pattern.compile("(/[A-Za-z0-9_~!$&'()+,;:@-][A-Za-z0-9._~!$&'()+,;:@-]*)+/?|/");

    @Override
    public HttpMount convert(String value) {
      int eq = value.indexOf('=');
      if (eq < 0) {
        throw new TypeConversionException("'" + value + "' is not /PREFIX=DIR");
      }
      String prefix = value.substring(0, eq);
      if (!PREFIX.matcher(prefix).matches()) {
        throw new TypeConversionException("'" + prefix + "' is not a plain URL path like /files");
      }
      String normal = prefix.length() > 1 && prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix;
      return new HttpMount(normal, new DirectoryConverter().convert(value.substring(eq + 1)));
    }
  }
}
