package dev.nettool.clients.tcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nettool.protocols.ExitCode;
import dev.nettool.protocols.NettoolException;
import dev.nettool.protocols.address.Endpoint;
import dev.nettool.protocols.event.Event;
import dev.nettool.protocols.expect.Expectation;
import dev.nettool.protocols.testing.RecordingEventSink;
import dev.nettool.protocols.testing.StreamPeer;
import dev.nettool.protocols.transport.TransportKind;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The client against peers written with the JDK's own sockets, over every transport available here. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TcpClientIT {
  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final String TRANSPORTS = "dev.nettool.protocols.testing.Transports#available";

  private final RecordingEventSink events = new RecordingEventSink();
  private final ByteArrayOutputStream received = new ByteArrayOutputStream();

  @TempDir Path dir;

  @ParameterizedTest
  @MethodSource(TRANSPORTS)
  void echoesMegabytesByteForByte(TransportKind kind) throws Exception {
    byte[] payload = new byte[8 << 20];
    new Random(42).nextBytes(payload);
    try (StreamPeer peer = StreamPeer.tcp(StreamPeer::echo); TcpClient client = client(peer.endpoint(), kind)) {
      TcpClientConnection c = connect(client, null);
      c.sendAll(new ByteArrayInputStream(payload));
      TcpClientResult result = c.closed().get(WAIT.toSeconds(), TimeUnit.SECONDS);

      assertThat(sha256(received.toByteArray())).as("SHA-256 of what came back").isEqualTo(sha256(payload));
      assertThat(result).isEqualTo(new TcpClientResult(payload.length, payload.length, true, false, null));
    }
  }

  @ParameterizedTest
  @MethodSource(TRANSPORTS)
  void keepsReadingAfterFinishingUntilThePeerReplies(TransportKind kind) throws Exception {
    try (StreamPeer peer = StreamPeer.tcp(StreamPeer::countThenReply);
        TcpClient client = client(peer.endpoint(), kind)) {
      TcpClientConnection c = connect(client, null);
      c.send("hello".getBytes(StandardCharsets.UTF_8));
      c.finish();
      TcpClientResult result = c.closed().get(WAIT.toSeconds(), TimeUnit.SECONDS);

      assertThat(received.toString(StandardCharsets.UTF_8)).isEqualTo("got 5 bytes\n");
      assertThat(result.peerEnded()).isTrue();
      assertThat(result.failure()).isEmpty();
      assertThat(events.take("connect", WAIT).fields()).containsEntry("remotePort",
          ((Endpoint.Inet) peer.endpoint()).port());
      assertThat(events.take("data", WAIT).fields()).containsEntry("bytes", 12);
      assertThat(events.take("end", WAIT).text()).isEqualTo("end #1");
      Event close = events.take("close", WAIT);
      assertThat(close.fields()).containsEntry("bytesIn", 12L).containsEntry("bytesOut", 5L);
    }
  }

  @ParameterizedTest
  @MethodSource(TRANSPORTS)
  void closesAsSoonAsTheExpectationIsMet(TransportKind kind) throws Exception {
    try (StreamPeer peer = StreamPeer.tcp(c -> StreamPeer.sendThenDrain(c, "hello READY\n"));
        TcpClient client = client(peer.endpoint(), kind)) {
      TcpClientConnection c = connect(client, Expectation.literal("READY"));
      TcpClientResult result = c.closed().get(WAIT.toSeconds(), TimeUnit.SECONDS);

      assertThat(result.expectationMet()).isTrue();
      assertThat(result.peerEnded()).as("the client closed first").isFalse();
      assertThat(received.toString(StandardCharsets.UTF_8)).isEqualTo("hello READY\n");
      peer.done().get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }
  }

  @ParameterizedTest
  @MethodSource(TRANSPORTS)
  void tellsTheExpectationWasNotMetWhenThePeerCloses(TransportKind kind) throws Exception {
    try (StreamPeer peer = StreamPeer.tcp(c -> {
          c.out().write("not what you want\n".getBytes(StandardCharsets.UTF_8));
          c.shutdownOutput();
          c.in().transferTo(java.io.OutputStream.nullOutputStream());
        });
        TcpClient client = client(peer.endpoint(), kind)) {
      TcpClientConnection c = connect(client, Expectation.regex("READY|DONE"));
      TcpClientResult result = c.closed().get(WAIT.toSeconds(), TimeUnit.SECONDS);

      assertThat(result.expectationMet()).isFalse();
      assertThat(result.peerEnded()).isTrue();
      assertThat(result.failure()).isEmpty();
      assertThat(received.toString(StandardCharsets.UTF_8)).isEqualTo("not what you want\n");
    }
  }

  @ParameterizedTest
  @MethodSource(TRANSPORTS)
  void deliversEverythingWhenThePeerFinishesWhileOutputIsStalled(TransportKind kind) throws Exception {
    // More than the output pump holds before it stops reading, little enough for the kernel's buffers:
    // the peer's FIN then arrives while the client is not reading and has nothing to write.
    byte[] payload = new byte[(int) (TcpClientOutputPump.HIGH_WATER * 1.5)];
    new Random(7).nextBytes(payload);
    java.util.concurrent.CountDownLatch peerFinished = new java.util.concurrent.CountDownLatch(1);
    TcpClientOutput stalledUntilThePeerFinished = data -> {
      try {
        peerFinished.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      TcpClientOutput.raw(received).write(data);
    };
    try (StreamPeer peer = StreamPeer.tcp(c -> {
          c.out().write(payload);
          c.out().flush();
          c.shutdownOutput();
          peerFinished.countDown();
          c.in().transferTo(java.io.OutputStream.nullOutputStream());
        });
        TcpClient client = client(peer.endpoint(), kind)) {
      TcpClientConnection c = client.connect(stalledUntilThePeerFinished, null).get(WAIT.toSeconds(), TimeUnit.SECONDS);
      assertThat(peerFinished.await(WAIT.toSeconds(), TimeUnit.SECONDS)).as("the peer sent everything").isTrue();
      c.finish();
      TcpClientResult result = c.closed().get(WAIT.toSeconds(), TimeUnit.SECONDS);

      assertThat(result.failure()).isEmpty();
      assertThat(result.peerEnded()).isTrue();
      assertThat(received.size()).isEqualTo(payload.length);
      assertThat(sha256(received.toByteArray())).isEqualTo(sha256(payload));
    }
  }

  @ParameterizedTest
  @MethodSource(TRANSPORTS)
  void reportsAResetAsTheConnectionsError(TransportKind kind) throws Exception {
    try (StreamPeer peer = StreamPeer.tcp(c -> {
          c.in().read();
          c.abort();
        });
        TcpClient client = client(peer.endpoint(), kind)) {
      TcpClientConnection c = connect(client, null);
      c.send(new byte[] {'x'});
      TcpClientResult result = c.closed().get(WAIT.toSeconds(), TimeUnit.SECONDS);

      assertThat(result.failure()).hasValue("Connection reset by peer");
      assertThat(events.take("error", WAIT).text()).isEqualTo("error #1 connection: Connection reset by peer");
    }
  }

  @ParameterizedTest
  @MethodSource(TRANSPORTS)
  void failsWithConnectWhenNothingListens(TransportKind kind) throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    try (TcpClient client = client(new Endpoint.Inet("127.0.0.1", port), kind)) {
      assertThatThrownBy(() -> client.connect(TcpClientOutput.raw(received), null).get(20, TimeUnit.SECONDS))
          .isInstanceOf(ExecutionException.class)
          .cause()
          .isInstanceOfSatisfying(NettoolException.class, e -> {
            assertThat(e.exitCode()).isEqualTo(ExitCode.CONNECT);
            assertThat(e.what()).isEqualTo("cannot connect to 127.0.0.1:" + port);
            assertThat(e.detail()).isEqualTo("Connection refused");
          });
    }
  }

  @ParameterizedTest
  @MethodSource(TRANSPORTS)
  void talksToAUnixDomainSocket(TransportKind kind) throws Exception {
    try (StreamPeer peer = StreamPeer.unix(dir.resolve("peer.sock"), StreamPeer::echo);
        TcpClient client = client(peer.endpoint(), kind)) {
      TcpClientConnection c = connect(client, null);
      c.send("over unix\n".getBytes(StandardCharsets.UTF_8));
      c.finish();
      TcpClientResult result = c.closed().get(WAIT.toSeconds(), TimeUnit.SECONDS);

      assertThat(received.toString(StandardCharsets.UTF_8)).isEqualTo("over unix\n");
      assertThat(result.failure()).isEmpty();
      assertThat(events.take("connect", WAIT).fields())
          .containsEntry("remotePath", dir.resolve("peer.sock").toString());
    }
  }

  @ParameterizedTest
  @MethodSource(TRANSPORTS)
  void failsWithConnectWhenTheSocketFileIsMissing(TransportKind kind) throws Exception {
    Endpoint missing = new Endpoint.Unix(dir.resolve("missing.sock"));
    try (TcpClient client = client(missing, kind)) {
      assertThatThrownBy(() -> client.connect(TcpClientOutput.raw(received), null).get(20, TimeUnit.SECONDS))
          .cause()
          .isInstanceOfSatisfying(NettoolException.class, e -> {
            assertThat(e.exitCode()).isEqualTo(ExitCode.CONNECT);
            assertThat(e.detail()).isEqualTo("No such file or directory");
          });
    }
  }

  private TcpClient client(Endpoint target, TransportKind kind) {
    return new TcpClient(TcpClientConfig.to(target).withTransport(kind), events);
  }

  private TcpClientConnection connect(TcpClient client, Expectation expectation) throws Exception {
    return client.connect(TcpClientOutput.raw(received), expectation).get(WAIT.toSeconds(), TimeUnit.SECONDS);
  }

  private static String sha256(byte[] bytes) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }
}
