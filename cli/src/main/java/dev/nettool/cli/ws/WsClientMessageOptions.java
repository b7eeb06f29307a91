package dev.nettool.cli.ws;

import dev.nettool.cli.options.Converters;
import dev.nettool.cli.options.Escapes;
import dev.nettool.clients.ws.WsClientConnection;
import dev.nettool.clients.ws.WsClientRun;
import dev.nettool.clients.ws.WsMessageFormat;
import dev.nettool.protocols.ExitCode;
import dev.nettool.protocols.NettoolException;
import dev.nettool.protocols.expect.Expectation;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import picocli.CommandLine.Option;

/**
 * What {@code ws-client} sends and when it closes: {@code --data}, {@code --binary}, {@code --wait},
 * {@code --count}, {@code --close-code}, {@code --close-reason}.
 */
final class WsClientMessageOptions {
  @Option(names = "--data", paramLabel = "MSG",
      description = "Send MSG as one message (repeatable, in order; \\n, \\r, \\t as in echo -e); stdin is not read.")
  List<String> data = new ArrayList<>();

  @Option(names = "--binary", description = "Send binary messages: stdin in chunks of up to 64 KiB (or each "
      + "--data); write what arrives as raw bytes without separators.")
  boolean binary;

  @Option(names = "--wait", paramLabel = "DURATION", converter = Converters.DurationConverter.class,
      description = "After the last message sent, wait this long for replies before closing (default: close at "
          + "once; with --count or --expect: wait for them).")
  Duration wait;

  @Option(names = "--count", paramLabel = "N", description = "Close after N messages received; fewer exits 1.")
  long count;

  @Option(names = "--close-code", paramLabel = "CODE", defaultValue = "1000",
      description = "The code of the close frame the client sends (default: ${DEFAULT-VALUE}).")
  int closeCode;

  @Option(names = "--close-reason", paramLabel = "TEXT", defaultValue = "",
      description = "The reason in the close frame the client sends (at most 123 bytes).")
  String closeReason;

  /** What the run does with received messages and how it closes; usage errors name the option. */
  WsClientRun run(Expectation expectation, WsMessageFormat format) {
    if (count < 0) {
      throw new NettoolException(ExitCode.USAGE, "--count", "must not be negative");
    }
    if (closeCode < 1000 || closeCode > 4999 || !WebSocketCloseStatus.isValidStatusCode(closeCode)) {
      throw new NettoolException(ExitCode.USAGE, "--close-code", closeCode + " may not be sent (1000-1003, "
          + "1007-1014 or 3000-4999)");
    }
    if (closeReason.getBytes(StandardCharsets.UTF_8).length > 123) {
      throw new NettoolException(ExitCode.USAGE, "--close-reason", "a close frame holds at most 123 bytes of reason");
    }
    if (wait != null && wait.isNegative()) {
      throw new NettoolException(ExitCode.USAGE, "--wait", "must not be negative");
    }
    return WsClientRun.of(format).withExpectation(expectation).withCount(count).withClose(closeCode, closeReason);
  }

  /** Whether there is something to send besides stdin. */
  boolean hasData() {
    return !data.isEmpty();
  }

  /** How received messages are written in pipe mode: one per line, or raw with {@code --binary}. */
  WsMessageFormat pipeFormat() {
    return binary ? WsMessageFormat.raw() : WsMessageFormat.lines();
  }

  /**
   * Sends the {@code --data} messages, or else {@code stdin}, then closes: at once (or after {@code --wait}),
   * or, when the run waits for a count or an expectation, after {@code --wait} if one was given.
   */
  void feed(WsClientConnection c, InputStream stdin, WsClientRun run) {
    CompletableFuture<Void> sent;
    if (data.isEmpty()) {
      sent = c.sendAll(stdin, binary);
    } else {
      for (String d : data) {
        byte[] bytes = Escapes.toBytes(d, "--data");
        if (binary) {
          c.sendBinary(bytes);
        } else {
          c.sendText(new String(bytes, StandardCharsets.UTF_8));
        }
      }
      sent = CompletableFuture.completedFuture(null);
    }
    boolean awaits = run.count() > 0 || run.expectation() != null;
    sent.thenRun(() -> {
      if (!awaits) {
        c.closeAfter(wait == null ? Duration.ZERO : wait, run.closeCode(), run.closeReason());
      } else if (wait != null) {
        c.closeAfter(wait, run.closeCode(), run.closeReason());
      }
    });
  }
}
