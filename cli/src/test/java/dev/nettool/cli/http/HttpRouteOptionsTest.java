package dev.nettool.cli.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nettool.protocols.ExitCode;
import dev.nettool.protocols.NettoolException;
import dev.nettool.servers.http.HttpServerConfig;
import io.netty.handler.codec.http.HttpMethod;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Timeout(10)
class HttpRouteOptionsTest {
  @TempDir Path tmp;

  @Command(name = "t")
  static final class Host {
    @Mixin HttpRouteOptions options;
  }

  private static HttpServerConfig apply(String... args) {
    Host host = new Host();
    new CommandLine(host).parseArgs(args);
    HttpServerConfig.Builder b = HttpServerConfig.builder();
    host.options.apply(b);
    return b.build();
  }

  @Test
  void compilesEachRouteInOrderThenTheFilesRoutes() throws Exception {
    Path file = Files.writeString(tmp.resolve("routes.json"), "[{\"method\": \"PUT\", \"path\": \"/f\"}]");
    HttpServerConfig c = apply("--route", "GET /a 200 a", "--route", "* /b 201", "--routes", file.toString());
    assertThat(c.routes()).extracting(r -> r.path().toString()).containsExactly("/a", "/b", "/f");
    assertThat(c.routes()).extracting(r -> r.method()).containsExactly(HttpMethod.GET, null, HttpMethod.PUT);
  }

  @Test
  void hasNoRoutesWithoutOptions() {
    assertThat(apply().routes()).isEmpty();
  }

  @Test
  void turnsABadSpecIntoAUsageErrorNamingIt() {
    assertThatThrownBy(() -> apply("--route", "GET /ok 200", "--route", "GET /x 999"))
        .isInstanceOfSatisfying(NettoolException.class, e -> {
          assertThat(e.exitCode()).isEqualTo(ExitCode.USAGE);
          assertThat(e.getMessage()).isEqualTo("usage: --route 'GET /x 999': status '999' is not a number 200-599");
        });
  }

  @Test
  void turnsABadRoutesFileIntoAUsageErrorNamingIt() throws Exception {
    Path file = Files.writeString(tmp.resolve("routes.json"), "[{\"path\": \"/x\", \"method\": \"FETCH\"}]");
    assertThatThrownBy(() -> apply("--routes", file.toString()))
        .isInstanceOf(NettoolException.class)
        .hasMessageStartingWith("usage: --routes '" + file + "': route 1: unknown method 'FETCH'");
  }
}
