package dev.nettool.cli.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nettool.protocols.ExitCode;
import dev.nettool.protocols.NettoolException;
import dev.nettool.servers.http.HttpMount;
import dev.nettool.servers.http.HttpServerConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Timeout(10)
class HttpStaticOptionsTest {
  @TempDir Path tmp;

  @Command(name = "t")
  static final class Host {
    @Mixin HttpStaticOptions options;
  }

  private static HttpServerConfig apply(String... args) {
    Host host = new Host();
    new CommandLine(host).parseArgs(args);
    HttpServerConfig.Builder b = HttpServerConfig.builder();
    host.options.apply(b);
    return b.build();
  }

  private static String parseError(String... args) {
    try {
      new CommandLine(new Host()).parseArgs(args);
      throw new AssertionError("no error for " + String.join(" ", args));
    } catch (CommandLine.ParameterException e) {
      return e.getMessage();
    }
  }

  @Test
  void mountsDirAtTheRootAfterThePrefixedMounts() throws Exception {
    Path docs = Files.createDirectories(tmp.resolve("docs"));
    HttpServerConfig c = apply("--mount", "/docs/=" + docs, "--dir", tmp.toString(), "--mount", "/a/b=" + docs,
        "--list", "--max-age", "10m", "--follow-symlinks");
    assertThat(c.mounts()).containsExactly(new HttpMount("/docs", docs), new HttpMount("/a/b", docs),
        new HttpMount("/", tmp));
    assertThat(c.listDirectories()).isTrue();
    assertThat(c.maxAge()).isEqualTo(Duration.ofMinutes(10));
    assertThat(c.followSymlinks()).isTrue();
  }

  @Test
  void servesNothingWithoutOptions() {
    HttpServerConfig c = apply();
    assertThat(c.mounts()).isEmpty();
    assertThat(c.listDirectories()).isFalse();
    assertThat(c.maxAge()).isNull();
  }

  @Test
  void namesADirectoryThatDoesNotExist() {
    assertThat(parseError("--dir", tmp.resolve("nope").toString()))
        .isEqualTo("Invalid value for option '--dir': '" + tmp.resolve("nope") + "' is not a directory");
    assertThat(parseError("--mount", "/x=" + tmp.resolve("nope")))
        .isEqualTo("Invalid value for option '--mount' (/PREFIX=DIR): '" + tmp.resolve("nope") + "' is not a directory");
  }

  @ParameterizedTest
  @ValueSource(strings = {"docs", "/../x", "/a/./b", "/.git", "/a//b", "/{id}", "/a/*", "/%2e", "/a b"})
  void refusesAPrefixThatIsNotAPlainPath(String prefix) {
    assertThat(parseError("--mount", prefix + "=" + tmp))
        .isEqualTo("Invalid value for option '--mount' (/PREFIX=DIR): '" + prefix + "' is not a plain URL path like /files");
  }

  @Test
  void refusesAMountWithoutADirectory() {
    assertThat(parseError("--mount", "/docs")).isEqualTo("Invalid value for option '--mount' (/PREFIX=DIR): '/docs' is not /PREFIX=DIR");
  }

  @Test
  void refusesTwoDirectoriesAtOnePrefix() {
    assertThatThrownBy(() -> apply("--dir", tmp.toString(), "--mount", "/=" + tmp))
        .isInstanceOfSatisfying(NettoolException.class, e -> {
          assertThat(e.exitCode()).isEqualTo(ExitCode.USAGE);
          assertThat(e.getMessage()).isEqualTo("usage: two directories are mounted at /");
        });
  }

  @Test
  void refusesFileOptionsWithoutADirectoryToApplyThemTo() {
    assertThatThrownBy(() -> apply("--list")).isInstanceOf(NettoolException.class)
        .hasMessage("usage: --list, --max-age and --follow-symlinks need --dir or --mount");
  }

  @Test
  void keepsTheMountsInTheOrderGiven() throws Exception {
    Path a = Files.createDirectories(tmp.resolve("a"));
    assertThat(apply("--mount", "/b=" + tmp, "--mount", "/a=" + a).mounts())
        .extracting(HttpMount::prefix).isEqualTo(List.of("/b", "/a"));
  }
}
