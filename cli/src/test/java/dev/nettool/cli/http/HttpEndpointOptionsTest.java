package dev.nettool.cli.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nettool.protocols.ExitCode;
import dev.nettool.protocols.NettoolException;
import dev.nettool.servers.http.HttpServerConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Timeout(10)
class HttpEndpointOptionsTest {
  @TempDir Path tmp;

  @Command(name = "probe")
  static final class Probe {
    @Mixin HttpEndpointOptions endpoints;
  }

  private static HttpServerConfig parse(String... args) {
    Probe probe = new Probe();
    new CommandLine(probe).parseArgs(args);
    HttpServerConfig.Builder config = HttpServerConfig.builder();
    probe.endpoints.apply(config);
    return config.build();
  }

  @Test
  void defaultsAreARandomSecretTwentyMinutesAndNoUploadDir() {
    HttpServerConfig a = parse();
    HttpServerConfig b = parse();
    assertThat(a.sessionTtl()).isEqualTo(Duration.ofMinutes(20));
    assertThat(a.uploadDir()).isNull();
    assertThat(a.sessionSecret()).as("a fresh secret per run").hasSize(32).isNotEqualTo(b.sessionSecret());
  }

  @Test
  void theOptionsReachTheConfig() {
    HttpServerConfig c = parse("--session-secret", "s3cret", "--session-ttl", "90s", "--upload-dir",
        tmp.toString());
    assertThat(c.sessionSecret()).isEqualTo("s3cret".getBytes(StandardCharsets.UTF_8));
    assertThat(c.sessionTtl()).isEqualTo(Duration.ofSeconds(90));
    assertThat(c.uploadDir()).isEqualTo(tmp.toAbsolutePath());
  }

  @Test
  void aMissingUploadDirIsCreated() {
    Path dir = tmp.resolve("a/b");
    assertThat(parse("--upload-dir", dir.toString()).uploadDir()).isEqualTo(dir);
    assertThat(dir).isDirectory();
  }

  @Test
  void anUploadDirThatCannotBeCreatedIsAUsageError() throws Exception {
    Path file = Files.writeString(tmp.resolve("plain"), "x");
    assertThatThrownBy(() -> parse("--upload-dir", file.resolve("sub").toString()))
        .isInstanceOfSatisfying(NettoolException.class, e -> {
          assertThat(e.exitCode()).isEqualTo(ExitCode.USAGE);
          assertThat(e.what()).isEqualTo("--upload-dir");
          assertThat(e.detail()).startsWith("cannot create ");
        });
  }

  @Test
  void anEmptySecretOrAZeroTtlIsAUsageError() {
    assertThatThrownBy(() -> parse("--session-secret", "")).isInstanceOf(NettoolException.class)
        .hasMessage("--session-secret: the secret is empty");
    assertThatThrownBy(() -> parse("--session-ttl", "0s")).isInstanceOf(NettoolException.class)
        .hasMessage("--session-ttl: 0 would end every session at once");
  }

  @Test
  void aBadTtlIsRejectedByTheParserNamingTheOption() {
    assertThatThrownBy(() -> parse("--session-ttl", "soon"))
        .isInstanceOf(CommandLine.ParameterException.class).hasMessageContaining("--session-ttl")
        .hasMessageContaining("'soon' is not a duration");
  }
}
