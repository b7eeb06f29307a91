package dev.nettool.cli.ws;

import static dev.nettool.cli.CliResultAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.nettool.cli.CliHarness;
import dev.nettool.cli.CliResult;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code ws-server} through the same factory as Main: ready line, events, summary, usage errors. */
@Timeout(30)
class WsServerCommandTest {
  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final Pattern READY = Pattern.compile("listening ws 127\\.0\\.0\\.1:(\\d+) "
      + "transport=(epoll|io_uring|nio) url=ws://127\\.0\\.0\\.1:\\1/echo mode=echo subprotocols=chat");

  @Test
  void printsTheReadyLineWithItsUrlThenOneLinePerEventAndASummaryOnStop() throws Exception {
    CliHarness.Running server = CliHarness.start("ws-server", "--port", "0", "--path", "/echo",
        "--subprotocol", "chat", "-v");
    String ready = server.takeLine(WAIT);
    Matcher m = READY.matcher(ready);
    assertThat(m.matches()).as(ready).isTrue();

    CompletableFuture<CharSequence> echoed = new CompletableFuture<>();
    WebSocket ws = HttpClient.newHttpClient().newWebSocketBuilder().subprotocols("chat")
        .buildAsync(URI.create("ws://127.0.0.1:" + m.group(1) + "/echo"), new WebSocket.Listener() {
          @Override
          public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            echoed.complete(data);
            return null;
          }
        }).get(10, TimeUnit.SECONDS);
    ws.sendText("hello", true);
    assertThat(echoed.get(10, TimeUnit.SECONDS)).hasToString("hello");
    ws.sendClose(1000, "bye").get(10, TimeUnit.SECONDS);

    assertThat(server.takeLine(WAIT)).matches("connection #1 from 127\\.0\\.0\\.1:\\d+ path=/echo subprotocol=chat");
    assertThat(server.takeLine(WAIT)).isEqualTo("message #1 text 5 bytes: \"hello\"");
    assertThat(server.takeLine(WAIT)).matches("close #1 code=1000 reason=\"bye\" by=peer in=5 out=5 .*");
    server.stop();
    assertThat(server.awaitExit(WAIT)).isZero();
    assertThat(server.takeLine(WAIT)).matches("summary ws 1 connections in=5 out=5 .*");
  }

  static Stream<Arguments> badValues() {
    return Stream.of(
        Arguments.of("--mode", "exec", "nettool: --mode: 'exec' is not one of echo, broadcast, discard"),
        Arguments.of("--path", "chat", "nettool: --path: 'chat' is not an absolute path without query (like /chat)"),
        Arguments.of("--subprotocol", "a b",
            "nettool: --subprotocol: 'a b' is not a token (letters, digits, !#$%&'*+-.^_`|~)"),
        Arguments.of("--max-message", "0", "nettool: --max-message: must be between 1 byte and 1GB"),
        Arguments.of("--ping-interval", "0s", "nettool: --ping-interval: must be longer than 0"));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("badValues")
  void aBadValueIsAUsageErrorNamingTheOption(String option, String value, String message) {
    CliResult r = CliHarness.run("ws-server", option, value);
    assertThat(r).exitedWith(2).hasOut("").hasErr(message + System.lineSeparator());
  }

  @Test
  void helpListsTheModesButNotExec() {
    CliResult r = CliHarness.run("ws-server", "--help");
    assertThat(r).exitedWith(0).outContains("--mode=MODE").outContains("echo, broadcast").outContains("discard");
    assertThat(r.out()).doesNotContain("exec");
  }
}
