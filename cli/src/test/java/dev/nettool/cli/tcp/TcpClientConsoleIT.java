package dev.nettool.cli.tcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nettool.clients.tcp.TcpClient;
import dev.nettool.clients.tcp.TcpClientConfig;
import dev.nettool.clients.tcp.TcpClientConnection;
import dev.nettool.clients.tcp.TcpClientResult;
import dev.nettool.protocols.event.EventSink;
import dev.nettool.protocols.testing.StreamPeer;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.jline.terminal.Terminal;
import org.jline.terminal.impl.ExternalTerminal;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The interactive console on a terminal made of streams, talking to a JDK-socket peer. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class TcpClientConsoleIT {
  private final PipedOutputStream keys = new PipedOutputStream();
  private final Screen screen = new Screen();
  private TcpClientConsole console;

  @BeforeEach
  void openConsole() throws Exception {
    // JLine's own line discipline over streams: Ctrl-C raises SIGINT, Ctrl-D is end of input, as on a tty.
    Terminal terminal = new ExternalTerminal("test", "xterm", new PipedInputStream(keys), screen,
        StandardCharsets.UTF_8);
    console = new TcpClientConsole(terminal);
  }

  @AfterEach
  void closeConsole() throws Exception {
    console.close();
    keys.close();
  }

  @Test
  void sendsEachLineWithANewlineAndFinishesOnCtrlD() throws Exception {
    try (StreamPeer peer = StreamPeer.tcp(StreamPeer::countThenReply);
        TcpClient client = new TcpClient(TcpClientConfig.to(peer.endpoint()), EventSink.discard())) {
      TcpClientConnection c = client.connect(console.output(false), null).get(20, TimeUnit.SECONDS);
      console.start(c);
      screen.await("> ", 1);
      type("hello\r");
      screen.await("> ", 2);
      type("\u0004");
      TcpClientResult result = c.closed().get(20, TimeUnit.SECONDS);

      assertThat(result.bytesOut()).as("hello and its newline").isEqualTo(6);
      screen.await("got 6 bytes", 1);
    }
  }

  @Test
  void endsTheRunWith130OnCtrlC() throws Exception {
    try (StreamPeer peer = StreamPeer.tcp(c -> StreamPeer.sendThenDrain(c, "welcome\n"));
        TcpClient client = new TcpClient(TcpClientConfig.to(peer.endpoint()), EventSink.discard())) {
      TcpClientConnection c = client.connect(console.output(false), null).get(20, TimeUnit.SECONDS);
      console.start(c);
      screen.await("welcome", 1);
      type("half a line\u0003");

      assertThat(console.interrupted().get(20, TimeUnit.SECONDS)).isEqualTo(130);
    }
  }

  private void type(String text) throws Exception {
    keys.write(text.getBytes(StandardCharsets.UTF_8));
    keys.flush();
  }

  /** What the terminal showed; written by the console's threads, read by the test. */
  private static final class Screen extends OutputStream {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    @Override
    public synchronized void write(int b) {
      bytes.write(b);
      notifyAll();
    }

    /** Waits until the screen shows {@code text} {@code times} times in all, or fails after a deadline. */
    synchronized void await(String text, int times) throws InterruptedException {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      while (text().split(java.util.regex.Pattern.quote(text), -1).length - 1 < times) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new AssertionError("the screen never showed '" + text + "' " + times + " times: [" + text() + "]");
        }
        TimeUnit.NANOSECONDS.timedWait(this, left);
      }
    }

    synchronized String text() {
      return bytes.toString(StandardCharsets.UTF_8);
    }
  }
}
