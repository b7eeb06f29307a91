package dev.nettool.servers.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nettool.protocols.address.Endpoint;
import dev.nettool.protocols.testing.NettyLeakCheck;
import dev.nettool.protocols.testing.RecordingEventSink;
import dev.nettool.protocols.testing.Transports;
import dev.nettool.protocols.transport.TransportKind;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The limits on a real server: a client that stops reading a large response, once per available transport. */
@Timeout(60)
@ExtendWith(NettyLeakCheck.class)
class HttpLimitsIT {
  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final int PIECE = 64 << 10;
  private final RecordingEventSink sink = new RecordingEventSink();
  private final AtomicLong mostPending = new AtomicLong();
  private HttpServer server;

  static Stream<TransportKind> transports() {
    return Transports.available();
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.close(Duration.ofSeconds(2));
    }
  }

  /** Streams 64 KB pieces for as long as the client takes them, each after the one before went out. */
  private HttpRoute flood() {
    return HttpRoute.of(HttpMethod.GET, "/flood", x -> {
      HttpExchange.HttpResponseStream stream = x.stream(HttpResponseStatus.OK, "application/octet-stream");
      next(x, stream);
    });
  }

  private void next(HttpExchange x, HttpExchange.HttpResponseStream stream) {
    if (!stream.open()) {
      return;
    }
    ChannelFuture written = stream.write(Unpooled.wrappedBuffer(new byte[PIECE]));
    ChannelOutboundBuffer pending = x.channel().unsafe().outboundBuffer();
    if (pending != null) {
      mostPending.accumulateAndGet(pending.totalPendingWriteBytes(), Math::max);
    }
    written.addListener(f -> {
      if (f.isSuccess()) {
        next(x, stream);
      }
    });
  }

  @ParameterizedTest
  @MethodSource("transports")
  void closesAClientThatStopsReadingALargeResponseWithTheServersMemoryFlat(TransportKind kind) throws Exception {
    server = new HttpServer(HttpServerConfig.builder().transport(kind).sendTimeout(Duration.ofSeconds(1))
        .routes(List.of(flood())).build(), sink);
    int port = ((Endpoint.Inet) server.start()).port();
    try (Socket s = new Socket()) {
      s.setReceiveBufferSize(4096);
      s.connect(new InetSocketAddress("127.0.0.1", port));
      s.getOutputStream().write("GET /flood HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      assertThat(sink.take("timeout", WAIT).text()).isEqualTo("timeout #1 send 1.00s");
      assertThat(mostPending.get()).as("never more than one piece waits in the server")
          .isLessThanOrEqualTo(PIECE + 1024);
      assertThat(drainsToTheEnd(s.getInputStream())).as("the connection was closed").isTrue();
    }
  }

  /** Reads what the kernel still holds; true when the stream ends (or is reset) rather than stalling. */
  private static boolean drainsToTheEnd(InputStream in) throws Exception {
    byte[] buf = new byte[64 << 10];
    try {
      while (in.read(buf) >= 0) {
        // what was queued before the close
      }
      return true;
    } catch (SocketException reset) {
      return true;
    }
  }
}
