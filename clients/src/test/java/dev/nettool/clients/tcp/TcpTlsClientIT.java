package dev.nettool.clients.tcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nettool.protocols.ExitCode;
import dev.nettool.protocols.NettoolException;
import dev.nettool.protocols.address.Endpoint;
import dev.nettool.protocols.event.EventSink;
import dev.nettool.protocols.testing.RecordingEventSink;
import dev.nettool.protocols.tls.CertDirectory;
import dev.nettool.protocols.tls.CertDirectoryConfig;
import dev.nettool.protocols.tls.PemFiles;
import dev.nettool.protocols.tls.TlsClientConfig;
import dev.nettool.protocols.tls.TlsIdentity;
import dev.nettool.protocols.transport.TransportKind;
import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The TLS client against the JDK's own {@link SSLServerSocket}: verification, client certificates, half-close. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TcpTlsClientIT {
  private static final Duration WAIT = Duration.ofSeconds(20);

  private final RecordingEventSink events = new RecordingEventSink();
  private final ByteArrayOutputStream received = new ByteArrayOutputStream();

  @TempDir Path dir;

  @BeforeEach
  void makeCertificates() {
    new CertDirectory(new CertDirectoryConfig(dir, CertDirectoryConfig.DEFAULT_NAMES, List.of("alice"), 30,
        CertDirectoryConfig.defaults(dir).keyType(), null, null), EventSink.discard()).write(Instant.now());
  }

  @ParameterizedTest
  @MethodSource("dev.nettool.protocols.testing.Transports#available")
  void sendsOverTlsFinishesWithCloseNotifyAndReadsTheAnswer(TransportKind kind) throws Exception {
    try (SSLServerSocket server = listen(false)) {
      CompletableFuture<String> peer = CompletableFuture.supplyAsync(() -> answerCount(server));
      TlsClientConfig tls = TlsClientConfig.system().withTrusted(PemFiles.readCertificates(dir.resolve("ca.pem")));
      try (TcpClient client = client(server, kind, tls)) {
        TcpClientConnection c = client.connect(TcpClientOutput.raw(received), null).get(20, TimeUnit.SECONDS);
        c.send("hello".getBytes(StandardCharsets.US_ASCII));
        c.finish();
        TcpClientResult result = c.closed().get(20, TimeUnit.SECONDS);

        assertThat(received.toString(StandardCharsets.US_ASCII)).isEqualTo("got 5 bytes");
        assertThat(result.peerEnded()).isTrue();
        assertThat(peer.get(20, TimeUnit.SECONDS)).isEqualTo("none");
      }
    }
    assertThat(events.take("tls", WAIT).text()).startsWith("tls #1 TLSv1.3 cipher=").endsWith(" subject=CN=localhost");
  }

  @Test
  void refusesAServerItsTrustStoreDoesNotKnowWithTheTlsExitCode() throws Exception {
    try (SSLServerSocket server = listen(false)) {
      CompletableFuture.runAsync(() -> answerCount(server));
      try (TcpClient client = client(server, TransportKind.AUTO, TlsClientConfig.system())) {
        CompletableFuture<TcpClientConnection> connecting = client.connect(TcpClientOutput.raw(received), null);

        assertThatThrownBy(() -> connecting.get(20, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
            .cause().isInstanceOfSatisfying(NettoolException.class, e -> {
              assertThat(e.exitCode()).isEqualTo(ExitCode.TLS);
              assertThat(e.detail()).isEqualTo("certificate not trusted (unknown CA)");
            });
      }
    }
  }

  @Test
  void showsItsCertificateToAServerThatNeedsOne() throws Exception {
    try (SSLServerSocket server = listen(true)) {
      CompletableFuture<String> peer = CompletableFuture.supplyAsync(() -> answerCount(server));
      TlsIdentity alice = TlsIdentity.read(dir.resolve("alice.pem"), dir.resolve("alice-key.pem"));
      TlsClientConfig tls = TlsClientConfig.system().withTrusted(PemFiles.readCertificates(dir.resolve("ca.pem")))
          .withIdentity(alice.chain(), alice.key());
      try (TcpClient client = client(server, TransportKind.AUTO, tls)) {
        TcpClientConnection c = client.connect(TcpClientOutput.raw(received), null).get(20, TimeUnit.SECONDS);
        c.finish();
        c.closed().get(20, TimeUnit.SECONDS);
      }
      assertThat(peer.get(20, TimeUnit.SECONDS)).isEqualTo("CN=alice");
    }
  }

  private TcpClient client(SSLServerSocket server, TransportKind kind, TlsClientConfig tls) {
    Endpoint target = new Endpoint.Inet("127.0.0.1", server.getLocalPort());
    return new TcpClient(TcpClientConfig.to(target).withTransport(kind).withTls(tls), events);
  }

  // Reads to the client's close_notify, answers how much came, closes; returns the client's certificate subject.
  private static String answerCount(SSLServerSocket server) {
    try (SSLSocket s = (SSLSocket) server.accept()) {
      int n = s.getInputStream().readAllBytes().length;
      s.getOutputStream().write(("got " + n + " bytes").getBytes(StandardCharsets.US_ASCII));
      s.getOutputStream().flush();
      try {
        return ((X509Certificate) s.getSession().getPeerCertificates()[0]).getSubjectX500Principal().getName();
      } catch (javax.net.ssl.SSLPeerUnverifiedException none) {
        return "none";
      }
    } catch (java.io.IOException e) {
      return "failed: " + e.getMessage();
    }
  }

  private SSLServerSocket listen(boolean needClientAuth) throws Exception {
    KeyStore keys = KeyStore.getInstance("PKCS12");
    keys.load(null, null);
    TlsIdentity server = TlsIdentity.read(dir.resolve("server.pem"), dir.resolve("server-key.pem"));
    keys.setKeyEntry("server", server.key(), new char[0], server.chain().toArray(new X509Certificate[0]));
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(keys, new char[0]);
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    trust.setCertificateEntry("ca", PemFiles.readCertificates(dir.resolve("ca.pem")).get(0));
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
    SSLServerSocket socket = (SSLServerSocket) context.getServerSocketFactory()
        .createServerSocket(0, 8, InetAddress.getLoopbackAddress());
    socket.setNeedClientAuth(needClientAuth);
    return socket;
  }
}
