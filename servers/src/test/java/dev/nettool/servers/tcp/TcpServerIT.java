package dev.nettool.servers.tcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nettool.protocols.ExitCode;
import dev.nettool.protocols.NettoolException;
import dev.nettool.protocols.address.Endpoint;
import dev.nettool.protocols.event.Event;
import dev.nettool.protocols.testing.RecordingEventSink;
import dev.nettool.protocols.transport.TransportKind;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The real server on loopback, driven by JDK sockets, once per available transport. */
@Timeout(60)
class TcpServerIT {
  private static final Duration WAIT = Duration.ofSeconds(10);

  static java.util.stream.Stream<TransportKind> transports() {
    return dev.nettool.protocols.testing.Transports.available();
  }

  @ParameterizedTest
  @MethodSource("transports")
  void echoesFourMegabytesUnchangedAndFinishesAfterTheClientDoes(TransportKind kind) throws Exception {
    RecordingEventSink sink = new RecordingEventSink();
    TcpServer server = new TcpServer(TcpServerConfig.defaults().withTransport(kind), sink);
    Endpoint.Inet bound = (Endpoint.Inet) server.start();
    try (Socket s = new Socket("127.0.0.1", bound.port())) {
      byte[] data = new byte[4 << 20];
      new Random(42).nextBytes(data);
      CompletableFuture<byte[]> echoed = CompletableFuture.supplyAsync(() -> readAll(s));
      OutputStream out = s.getOutputStream();
      out.write(data);
      s.shutdownOutput();
      byte[] got = echoed.get(30, TimeUnit.SECONDS);
      assertThat(sha256(got)).isEqualTo(sha256(data));
      assertThat(got).hasSize(data.length);
    } finally {
      server.close(Duration.ofSeconds(2));
    }
    assertThat(sink.take("end", WAIT).text()).isEqualTo("end #1");
    Event close = sink.take("close", WAIT);
    assertThat(close.fields()).containsEntry("bytesIn", 4L << 20).containsEntry("bytesOut", 4L << 20);
    assertThat(sink.take("summary", WAIT).fields()).containsEntry("connections", 1L);
  }

  @ParameterizedTest
  @MethodSource("transports")
  void completesDoneAfterCountConnections(TransportKind kind) throws Exception {
    RecordingEventSink sink = new RecordingEventSink();
    TcpServer server = new TcpServer(TcpServerConfig.defaults().withTransport(kind).withCount(2), sink);
    Endpoint.Inet bound = (Endpoint.Inet) server.start();
    try {
      for (int i = 0; i < 2; i++) {
        assertThat(server.done()).isNotDone();
        try (Socket s = new Socket("127.0.0.1", bound.port())) {
          s.shutdownOutput();
          assertThat(s.getInputStream().read()).isEqualTo(-1);
        }
      }
      server.done().get(10, TimeUnit.SECONDS);
    } finally {
      server.close(Duration.ofSeconds(2));
    }
  }

  @ParameterizedTest
  @MethodSource("transports")
  void stopsReadingFromAClientThatDoesNotReadItsEcho(TransportKind kind) throws Exception {
    TcpServer server = new TcpServer(TcpServerConfig.defaults().withTransport(kind), new RecordingEventSink());
    Endpoint.Inet bound = (Endpoint.Inet) server.start();
    try (SocketChannel ch = SocketChannel.open(new InetSocketAddress("127.0.0.1", bound.port()))) {
      ch.configureBlocking(false);
      ByteBuffer chunk = ByteBuffer.allocate(64 * 1024);
      long written = 0;
      long stalledSince = 0;
      // Write until the kernel buffers are full for good: a server that kept reading would never let us stall.
      while (written < (256L << 20)) {
        chunk.clear();
        int n = ch.write(chunk);
        if (n > 0) {
          written += n;
          stalledSince = 0;
        } else if (stalledSince == 0) {
          stalledSince = System.nanoTime();
        } else if (System.nanoTime() - stalledSince > TimeUnit.MILLISECONDS.toNanos(500)) {
          break;
        } else {
          Thread.onSpinWait();
        }
      }
      assertThat(written).as("bytes accepted before back-pressure stalled the writer").isLessThan(64L << 20);
    } finally {
      server.close(Duration.ofSeconds(1));
    }
  }

  @ParameterizedTest
  @MethodSource("transports")
  void dropsConnectionsOverTheLimit(TransportKind kind) throws Exception {
    RecordingEventSink sink = new RecordingEventSink();
    TcpServer server = new TcpServer(TcpServerConfig.defaults().withTransport(kind).withMaxConnections(1), sink);
    Endpoint.Inet bound = (Endpoint.Inet) server.start();
    try (Socket first = new Socket("127.0.0.1", bound.port())) {
      sink.take("connection", WAIT);
      try (Socket second = new Socket("127.0.0.1", bound.port())) {
        assertThat(sink.take("drop", WAIT).fields()).containsEntry("reason", "max-connections=1");
        assertThat(second.getInputStream().read()).as("the dropped connection is closed").isEqualTo(-1);
      }
      first.getOutputStream().write('x');
      assertThat(first.getInputStream().read()).as("the first one is still served").isEqualTo('x');
    } finally {
      server.close(Duration.ofSeconds(1));
    }
  }

  @ParameterizedTest
  @MethodSource("transports")
  void forwardsToAnUpstreamCarryingHalfClose(TransportKind kind) throws Exception {
    try (ServerSocket upstream = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
      CompletableFuture<String> upstreamSaw = CompletableFuture.supplyAsync(() -> {
        try (Socket s = upstream.accept()) {
          String got = new String(readAll(s), StandardCharsets.UTF_8);
          s.getOutputStream().write(("upstream got " + got).getBytes(StandardCharsets.UTF_8));
          return got;
        } catch (Exception e) {
          throw new RuntimeException(e);
        }
      });
      TcpServerConfig config = TcpServerConfig.defaults().withTransport(kind)
          .withMode(new TcpMode.Forward(new Endpoint.Inet("127.0.0.1", upstream.getLocalPort())));
      TcpServer server = new TcpServer(config, new RecordingEventSink());
      Endpoint.Inet bound = (Endpoint.Inet) server.start();
      try (Socket s = new Socket("127.0.0.1", bound.port())) {
        s.getOutputStream().write("ping".getBytes(StandardCharsets.UTF_8));
        s.shutdownOutput();
        assertThat(new String(readAll(s), StandardCharsets.UTF_8)).isEqualTo("upstream got ping");
        assertThat(upstreamSaw.get(10, TimeUnit.SECONDS)).isEqualTo("ping");
      } finally {
        server.close(Duration.ofSeconds(1));
      }
    }
  }

  @ParameterizedTest
  @MethodSource("transports")
  void forwardsEveryByteToAClientThatFinishedFirstAndReadsSlowly(TransportKind kind) throws Exception {
    byte[] data = new byte[4 << 20];
    new Random(7).nextBytes(data);
    try (ServerSocket upstream = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
      // The upstream answers only after the client's FIN, so the relay has nothing left to write
      // when that FIN arrives, and everything it writes afterwards must wait for a slow reader.
      CompletableFuture<Void> answer = CompletableFuture.runAsync(() -> {
        try (Socket s = upstream.accept()) {
          s.getInputStream().readAllBytes();
          s.getOutputStream().write(data);
        } catch (Exception e) {
          throw new RuntimeException(e);
        }
      });
      TcpServerConfig config = TcpServerConfig.defaults().withTransport(kind)
          .withMode(new TcpMode.Forward(new Endpoint.Inet("127.0.0.1", upstream.getLocalPort())));
      TcpServer server = new TcpServer(config, new RecordingEventSink());
      Endpoint.Inet bound = (Endpoint.Inet) server.start();
      try (Socket s = new Socket()) {
        s.setReceiveBufferSize(4096);
        s.connect(new InetSocketAddress("127.0.0.1", bound.port()));
        s.getOutputStream().write("request".getBytes(StandardCharsets.US_ASCII));
        s.shutdownOutput();
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        byte[] small = new byte[512];
        InputStream in = s.getInputStream();
        for (int n; (n = in.read(small)) >= 0; ) {
          got.write(small, 0, n);
        }
        assertThat(got.size()).isEqualTo(data.length);
        assertThat(sha256(got.toByteArray())).isEqualTo(sha256(data));
        answer.get(10, TimeUnit.SECONDS);
      } finally {
        server.close(Duration.ofSeconds(1));
      }
    }
  }

  @ParameterizedTest
  @MethodSource("transports")
  void closesAnIdleConnectionWithATimeoutEvent(TransportKind kind) throws Exception {
    RecordingEventSink sink = new RecordingEventSink();
    TcpServer server = new TcpServer(
        TcpServerConfig.defaults().withTransport(kind).withIdleTimeout(Duration.ofMillis(200)), sink);
    Endpoint.Inet bound = (Endpoint.Inet) server.start();
    try (Socket s = new Socket("127.0.0.1", bound.port())) {
      assertThat(s.getInputStream().read()).isEqualTo(-1);
      assertThat(sink.take("timeout", WAIT).text()).isEqualTo("timeout #1 idle 200.0ms");
    } finally {
      server.close(Duration.ofSeconds(1));
    }
  }

  @ParameterizedTest
  @MethodSource("transports")
  void sendsTheSourcePatternThenCloses(TransportKind kind) throws Exception {
    TcpServer server = new TcpServer(
        TcpServerConfig.defaults().withTransport(kind).withMode(new TcpMode.Source(300_000)), new RecordingEventSink());
    Endpoint.Inet bound = (Endpoint.Inet) server.start();
    try (Socket s = new Socket("127.0.0.1", bound.port())) {
      byte[] got = readAll(s);
      assertThat(got).hasSize(300_000);
      for (int i = 0; i < got.length; i++) {
        if (got[i] != Chargen.byteAt(i)) {
          throw new AssertionError("byte " + i + " differs from the pattern");
        }
      }
    } finally {
      server.close(Duration.ofSeconds(1));
    }
  }

  @ParameterizedTest
  @MethodSource("transports")
  void echoesOverAUnixDomainSocket(TransportKind kind, @TempDir Path dir) throws Exception {
    Path path = dir.resolve("echo.sock");
    TcpServer server = new TcpServer(
        TcpServerConfig.defaults().withTransport(kind).withListen(new Endpoint.Unix(path)), new RecordingEventSink());
    assertThat(server.start()).isEqualTo(new Endpoint.Unix(path));
    try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
      ch.connect(UnixDomainSocketAddress.of(path));
      ch.write(ByteBuffer.wrap("over unix".getBytes(StandardCharsets.UTF_8)));
      ch.shutdownOutput();
      ByteArrayOutputStream got = new ByteArrayOutputStream();
      ByteBuffer buf = ByteBuffer.allocate(1024);
      while (ch.read(buf.clear()) >= 0) {
        got.write(buf.array(), 0, buf.position());
      }
      assertThat(got.toString(StandardCharsets.UTF_8)).isEqualTo("over unix");
    } finally {
      server.close(Duration.ofSeconds(1));
    }
    assertThat(Files.exists(path)).as("socket file removed on close").isFalse();
  }

  @ParameterizedTest
  @MethodSource("transports")
  void reportsAnAddressInUseAsCannotListen(TransportKind kind) throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
      TcpServer server = new TcpServer(TcpServerConfig.defaults().withTransport(kind)
          .withListen(new Endpoint.Inet("127.0.0.1", taken.getLocalPort())), new RecordingEventSink());
      assertThatThrownBy(server::start)
          .isInstanceOfSatisfying(NettoolException.class, e -> {
            assertThat(e.exitCode()).isEqualTo(ExitCode.LISTEN);
            assertThat(e.what()).isEqualTo("cannot listen on 127.0.0.1:" + taken.getLocalPort());
          });
    }
  }

  @ParameterizedTest
  @MethodSource("transports")
  void readsTheNagleSettingBackFromTheSocket(TransportKind kind) throws Exception {
    for (boolean noDelay : new boolean[] {false, true}) {
      RecordingEventSink sink = new RecordingEventSink();
      TcpServer server = new TcpServer(TcpServerConfig.defaults().withTransport(kind).withNoDelay(noDelay), sink);
      Endpoint.Inet bound = (Endpoint.Inet) server.start();
      try (Socket s = new Socket("127.0.0.1", bound.port())) {
        assertThat(sink.take("connection", WAIT).fields()).containsEntry("nodelay", noDelay ? "on" : "off");
      } finally {
        server.close(Duration.ofSeconds(1));
      }
    }
  }

  private static byte[] readAll(Socket s) {
    try {
      InputStream in = s.getInputStream();
      return in.readAllBytes();
    } catch (Exception e) {
      throw new RuntimeException(e);
    }
  }

  private static String sha256(byte[] data) throws Exception {
    return java.util.HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
  }
}
