package dev.nettool.cli.http;

import static dev.nettool.cli.CliResultAssert.assertThat;

import dev.nettool.cli.CliHarness;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Usage errors of {@code http-client}: exit 2 and one line naming the problem, before anything connects. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class HttpClientCommandTest {
  private static final String HINT = "Try 'nettool http-client --help' for more information.\n";
  private static final String URL = "http://127.0.0.1:1/";

  @TempDir Path dir;

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "ftp://127.0.0.1/ | 'ftp://127.0.0.1/' is not an http:// or https:// URL",
      "127.0.0.1:80 | '127.0.0.1:80' is not an http:// or https:// URL",
      "http:///x | 'http:///x' has no host"})
  void rejectsAUrlItCannotRequest(String url, String problem) {
    assertThat(CliHarness.run("http-client", url))
        .exitedWith(2)
        .hasOut("")
        .hasErr("nettool: usage: " + problem + "\n" + HINT);
  }

  /** After "--" picocli parses the command line, not the snapshot's parser: the same message. */
  @Test
  void rejectsAUrlItCannotRequestAfterADoubleDashToo() {
    assertThat(CliHarness.run("http-client", "--", "ftp://127.0.0.1/"))
        .exitedWith(2)
        .hasOut("")
        .hasErr("nettool: usage: 'ftp://127.0.0.1/' is not an http:// or https:// URL\n" + HINT);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "-d a=1 -F b=2 | --data: give one of -d, --data-binary, --json and -F",
      "-I -d a=1 | --head: a HEAD request has no body",
      "-u nobody | --user: expected USER:PASS",
      "-b cookies.txt | --cookie: 'cookies.txt': expected NAME=VALUE (cookie files are not read)",
      "-H NoColon | --header: 'NoColon': expected 'NAME: VALUE'",
      "-F novalue | --form: 'novalue': expected NAME=VALUE or NAME=@FILE",
      "--expect-status 99 | --expect-status: '99' is not a status (200) or a status class (2xx)",
      "--expect-body-regex ( | --expect-body-regex: Unclosed group in '('",
      "--json-output -i | --json-output: the JSON holds the head and body: drop -i, -I, -o",
      "--requests 5 -L | --requests: load mode counts responses only: drop -i, -L, -o, --expect-body, "
          + "--expect-body-regex and --expect-header",
      "--requests 5 --duration 1s | --requests: give --requests or --duration, not both",
      "--requests 0 | --requests: must be more than 0",
      "--requests 5 --concurrency 0 | --concurrency: must be more than 0",
      "--requests 5 --streams 4 | --streams: needs --http2 (an HTTP/1.1 connection carries one request at a time)",
      "--requests 5 --http2 --streams 0 | --streams: must be more than 0",
      "--http2 --streams 4 | --streams: only in load mode (--requests or --duration)",
      "--warm-up 1s | --warm-up: only in load mode, with --duration",
      "--requests 5 --warm-up 1s | --warm-up: goes with --duration (a warm-up is a time, not a number of requests)",
      "--insecure --cacert ca.pem | --insecure: not with --cacert (one trusts nothing in particular)",
      "--connect-timeout 0 | --connect-timeout: must be more than 0"})
  void rejectsOptionsThatDoNotFitNamingTheOption(String options, String problem) {
    String[] words = (options + " " + URL).split(" ");
    assertThat(CliHarness.run(prepend("http-client", words)))
        .exitedWith(2)
        .hasOut("")
        .hasErr("nettool: " + problem + "\n");
  }

  @Test
  void namesAFormFileThatCannotBeRead() {
    Path missing = dir.resolve("missing.bin");
    assertThat(CliHarness.run("http-client", "-F", "f=@" + missing, URL))
        .exitedWith(2)
        .hasErr("nettool: --form: cannot read " + missing + ": no such file\n");
  }

  @Test
  void refusesToSendAStreamedFileInLoadMode() throws Exception {
    Path file = Files.writeString(dir.resolve("body.txt"), "x");
    assertThat(CliHarness.run("http-client", "--requests", "3", "--data-binary", "@" + file, URL))
        .exitedWith(2)
        .hasErr("nettool: --requests: load mode sends bodies held in memory only (-d, --data-binary, --json)\n");
  }

  private static String[] prepend(String first, String[] rest) {
    String[] all = new String[rest.length + 1];
    all[0] = first;
    System.arraycopy(rest, 0, all, 1, rest.length);
    return all;
  }
}
