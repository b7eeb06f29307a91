package dev.nettool.e2e;

import static dev.nettool.e2e.TcpEchoE2E.EXCHANGE;
import static dev.nettool.e2e.TcpEchoE2E.READY;
import static dev.nettool.e2e.TcpEchoE2E.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * What an accepted connection costs in system calls before its first byte, as {@code strace} records them on
 * the socket the server accepted (not on the warm-up's own loopback sockets): Netty's {@code TCP_NODELAY}
 * and no second one where Nagle stays off, and the epoll registration pinned ({@code EPOLLERR}) by the
 * {@code EPOLL_CTL_ADD} itself, then one {@code EPOLL_CTL_MOD} to start reading. Over HTTP (curl), WebSocket
 * (Node's {@code ws}) and raw TCP with {@code --no-delay} (nc).
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class AcceptedSocketE2E {
  private static final Pattern BOUND =
      Pattern.compile("getsockname\\((\\d+), \\{sa_family=AF_INET6?, sin6?_port=htons\\((\\d+)\\)");
  private static final Pattern ACCEPT_CALL = Pattern.compile("^(\\d+) +accept4\\((\\d+),");
  private static final Pattern ACCEPT_DONE =
      Pattern.compile("^(\\d+) +(?:accept4\\(|<\\.\\.\\. accept4 resumed>).* = (\\d+)$");
  private static final Pattern NODELAY = Pattern.compile("setsockopt\\((\\d+), SOL_TCP, TCP_NODELAY, \\[(\\d+)]");
  private static final Pattern EPOLL =
      Pattern.compile("epoll_ctl\\(\\d+, EPOLL_CTL_(ADD|MOD|DEL), (\\d+), (?:\\{events=([A-Z|]+))?");

  @RegisterExtension final Launched launched = new Launched();

  @TempDir Path dir;

  @Test
  void anHttpConnectionIsRegisteredPinnedWithNagleOffInOneCallEach() throws Exception {
    Path trace = dir.resolve("http.strace");
    NettoolProcess server = traced(trace, "http-server", "--port", "0", "--count", "1",
        "--route", "GET /hello 200 Hello");
    int port = server.awaitPort(READY);

    Peer.PeerResult curl = launched.peer(new byte[0], "curl", "-sS", "--max-time", "20",
        "http://127.0.0.1:" + port + "/hello").await(EXCHANGE);
    assertThat(new String(curl.bytes(), StandardCharsets.UTF_8)).as(curl.command() + "\n" + curl.stderr())
        .isEqualTo("Hello");

    Calls calls = pinnedWithNagleOffOnce(server, trace, port);
    assertThat(calls.epoll()).as("epoll_ctl calls on the accepted socket, until it is removed")
        .containsExactly("ADD EPOLLERR|EPOLLRDHUP", "MOD EPOLLIN|EPOLLERR|EPOLLRDHUP");
  }

  @Test
  void aTcpConnectionWithNoDelayGetsNagleOffOnce() throws Exception {
    Path trace = dir.resolve("tcp.strace");
    NettoolProcess server = traced(trace, "tcp-echo", "--port", "0", "--count", "1", "--no-delay");
    int port = server.awaitPort(READY);

    var nc = launched.peer(bytes("nagle\n"), "nc", "-N", "127.0.0.1", String.valueOf(port)).await(EXCHANGE);
    assertThat(nc.text()).as(nc.describe()).isEqualTo("nagle\n");

    pinnedWithNagleOffOnce(server, trace, port);
  }

  @Test
  void aWebSocketConnectionIsRegisteredPinnedWithNagleOffInOneCallEach() throws Exception {
    Path trace = dir.resolve("ws.strace");
    NettoolProcess server = traced(trace, "ws-server", "--port", "0", "--count", "1");
    int port = server.awaitPort(READY);

    Peer.PeerResult node = launched.peer(new byte[0], "node", Peer.script("ws-echo.js"),
        "ws://127.0.0.1:" + port + "/").await(EXCHANGE);
    assertThat(node.text()).as(node.describe()).contains("\"close\":4000");

    pinnedWithNagleOffOnce(server, trace, port);
  }

  /**
   * Waits for the server's exit 0, then checks its accepted socket: {@code TCP_NODELAY} set once (Netty's), and
   * the first {@code epoll_ctl} an ADD that has the pin ({@code EPOLLERR}) already.
   */
  private static Calls pinnedWithNagleOffOnce(NettoolProcess server, Path trace, int port) throws Exception {
    assertThat(server.waitFor(EXCHANGE)).as(server.describe()).isZero();
    Calls calls = Calls.onTheSocketAcceptedOn(trace, port);
    assertThat(calls.nodelay()).as("TCP_NODELAY values set on the accepted socket").containsExactly(1);
    assertThat(calls.epoll()).as("epoll_ctl calls on the accepted socket").first()
        .isEqualTo("ADD EPOLLERR|EPOLLRDHUP");
    return calls;
  }

  private NettoolProcess traced(Path trace, String... args) {
    return launched.nettool(new NettoolProcess.Spec(List.of(args))
        .wrappedBy("strace", "-f", "-qq", "-e", "trace=getsockname,accept4,setsockopt,epoll_ctl",
            "-o", trace.toString()));
  }

  /** The calls on one accepted socket, in order, from its accept to its {@code EPOLL_CTL_DEL}. */
  private record Calls(List<Integer> nodelay, List<String> epoll) {
    static Calls onTheSocketAcceptedOn(Path trace, int port) throws IOException {
      List<String> lines = Files.readAllLines(trace);
      String listener = null;
      // The listener learns its port (asked for as 0) from getsockname; later, accepted sockets report it too.
      for (String line : lines) {
        Matcher m = BOUND.matcher(line);
        if (m.find() && Integer.parseInt(m.group(2)) == port) {
          listener = m.group(1);
          break;
        }
      }
      assertThat(listener).as("the listening socket, bound to port " + port + ", in the trace").isNotNull();
      // A call interrupted by another thread's is split in two lines: the start names the fd, the end the result.
      Map<String, String> pendingAccepts = new HashMap<>();
      String accepted = null;
      List<Integer> nodelay = new ArrayList<>();
      List<String> epoll = new ArrayList<>();
      for (String line : lines) {
        if (accepted == null) {
          Matcher call = ACCEPT_CALL.matcher(line);
          if (call.find()) {
            pendingAccepts.put(call.group(1), call.group(2));
          }
          Matcher done = ACCEPT_DONE.matcher(line);
          if (done.find() && listener.equals(pendingAccepts.remove(done.group(1)))) {
            accepted = done.group(2);
          }
          continue;
        }
        Matcher n = NODELAY.matcher(line);
        if (n.find() && n.group(1).equals(accepted)) {
          nodelay.add(Integer.parseInt(n.group(2)));
        }
        Matcher e = EPOLL.matcher(line);
        if (e.find() && e.group(2).equals(accepted)) {
          if (e.group(1).equals("DEL")) {
            break;
          }
          epoll.add(e.group(1) + " " + e.group(3));
        }
      }
      assertThat(accepted).as("a connection accepted on port " + port + " in the trace").isNotNull();
      return new Calls(nodelay, epoll);
    }
  }
}
