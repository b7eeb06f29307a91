package dev.nettool.cli.http;

import dev.nettool.cli.options.Converters;
import dev.nettool.protocols.ExitCode;
import dev.nettool.protocols.NettoolException;
import dev.nettool.servers.http.HttpServerConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.Option;

/** The options of the stateful test endpoints: {@code /session}'s secret and TTL, {@code /upload}'s directory. */
final class HttpEndpointOptions implements HttpServerOptionGroup {
  @Option(names = "--session-secret", paramLabel = "TEXT",
      description = "Key that signs /session cookies (HMAC-SHA256); default: random per run.")
  String sessionSecret;

  @Option(names = "--session-ttl", paramLabel = "DURATION", converter = Converters.DurationConverter.class,
      defaultValue = "20m", description = "A /session ends this long after its last visit (default: ${DEFAULT-VALUE}).")
  Duration sessionTtl;

  @Option(names = "--upload-dir", paramLabel = "DIR",
      description = "Save files sent to /upload in DIR (created if missing); without it they are only hashed.")
  Path uploadDir;

  @Override
  public void apply(HttpServerConfig.Builder config) {
    if (sessionSecret != null) {
      if (sessionSecret.isEmpty()) {
        throw new NettoolException(ExitCode.USAGE, "--session-secret", "the secret is empty");
      }
      config.sessionSecret(sessionSecret.getBytes(StandardCharsets.UTF_8));
    }
    if (sessionTtl.isZero()) {
      throw new NettoolException(ExitCode.USAGE, "--session-ttl", "0 would end every session at once");
    }
    config.sessionTtl(sessionTtl);
    if (uploadDir != null) {
      config.uploadDir(usableDir(uploadDir));
    }
  }

  private static Path usableDir(Path dir) {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new NettoolException(ExitCode.USAGE, "--upload-dir", "cannot create " + dir + ": " + e.getMessage());
    }
    if (!Files.isWritable(dir)) {
      throw new NettoolException(ExitCode.USAGE, "--upload-dir", dir + " is not writable");
    }
    return dir.toAbsolutePath().normalize();
  }
}
