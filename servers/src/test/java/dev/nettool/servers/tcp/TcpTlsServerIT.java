package dev.nettool.servers.tcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nettool.protocols.address.Endpoint;
import dev.nettool.protocols.event.Event;
import dev.nettool.protocols.testing.RecordingEventSink;
import dev.nettool.protocols.tls.CertDirectory;
import dev.nettool.protocols.tls.CertDirectoryConfig;
import dev.nettool.protocols.tls.PemFiles;
import dev.nettool.protocols.tls.TlsClientAuth;
import dev.nettool.protocols.tls.TlsServerConfig;
import dev.nettool.protocols.event.EventSink;
import dev.nettool.protocols.transport.TransportKind;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The TLS echo server on loopback against the JDK's own {@link SSLSocket}, once per available transport. */
@Timeout(60)
class TcpTlsServerIT {
  private static final Duration WAIT = Duration.ofSeconds(10);

  @TempDir Path dir;

  static java.util.stream.Stream<TransportKind> transports() {
    return dev.nettool.protocols.testing.Transports.available();
  }

  @ParameterizedTest
  @MethodSource("transports")
  void echoesOverTlsAndFinishesAfterTheClientsCloseNotify(TransportKind kind) throws Exception {
    TlsServerConfig tls = TlsServerConfig.generate(dir);
    RecordingEventSink sink = new RecordingEventSink();
    TcpServer server = new TcpServer(TcpServerConfig.defaults().withTransport(kind).withTls(tls), sink);
    Endpoint.Inet bound = (Endpoint.Inet) server.start();
    assertThat(server.listeningEvent().fields()).containsEntry("tls", "on")
        .containsEntry("ca", dir.resolve("ca.pem").toAbsolutePath().normalize().toString());
    byte[] data = new byte[1 << 20];
    new Random(7).nextBytes(data);
    try (SSLSocket s = connect(clientContext(tls.caFile(), null), bound.port(), "echo.test")) {
      CompletableFuture<byte[]> echoed = CompletableFuture.supplyAsync(() -> readAll(s));
      s.getOutputStream().write(data);
      s.getOutputStream().flush();
      s.shutdownOutput();
      assertThat(echoed.get(30, TimeUnit.SECONDS)).as("the echoed bytes").isEqualTo(data);
    } finally {
      server.close(Duration.ofSeconds(2));
    }
    Event connection = sink.take("connection", WAIT);
    assertThat(connection.fields()).containsEntry("tls", "TLSv1.3").containsEntry("sni", "echo.test")
        .containsKey("cipher").doesNotContainKey("client");
    assertThat(sink.take("end", WAIT).text()).isEqualTo("end #1");
    assertThat(sink.take("close", WAIT).fields()).containsEntry("bytesIn", 1L << 20).containsEntry("bytesOut", 1L << 20);
  }

  @Test
  void refusesTlsOneOneWithAnErrorEventAndGoesOn() throws Exception {
    TlsServerConfig tls = TlsServerConfig.generate(dir);
    RecordingEventSink sink = new RecordingEventSink();
    try (TcpServer server = new TcpServer(TcpServerConfig.defaults().withTls(tls), sink)) {
      Endpoint.Inet bound = (Endpoint.Inet) server.start();
      try (SSLSocket old = (SSLSocket) clientContext(tls.caFile(), null).getSocketFactory()
          .createSocket("127.0.0.1", bound.port())) {
        old.setEnabledProtocols(new String[] {"TLSv1.1"});
        assertThatThrownBy(old::startHandshake).isInstanceOf(SSLException.class);
      } catch (IllegalArgumentException unsupported) {
        // a JDK without TLS 1.1 at all cannot make this client; the handshake below still must work
      }
      Event error = sink.take("error", WAIT);
      assertThat(error.text()).startsWith("error #1 tls: ");
      try (SSLSocket s = connect(clientContext(tls.caFile(), null), bound.port(), null)) {
        s.getOutputStream().write("again".getBytes(StandardCharsets.US_ASCII));
        s.getOutputStream().flush();
        assertThat(new String(s.getInputStream().readNBytes(5), StandardCharsets.US_ASCII)).isEqualTo("again");
      }
      assertThat(sink.take("connection", WAIT).fields()).containsEntry("id", 2L).containsEntry("sni", "none");
    }
  }

  @Test
  void namesTheClientCertificateWhenOneIsRequired() throws Exception {
    assertNamesTheClientCertificate(TlsClientAuth.REQUIRE);
  }

  @Test
  void namesTheClientCertificateWhenOneIsWanted() throws Exception {
    assertNamesTheClientCertificate(TlsClientAuth.WANT);
  }

  private void assertNamesTheClientCertificate(TlsClientAuth auth) throws Exception {
    Path made = dir.resolve("certs");
    new CertDirectory(new CertDirectoryConfig(made, CertDirectoryConfig.DEFAULT_NAMES, List.of("alice"), 30,
        CertDirectoryConfig.defaults(made).keyType(), null, null), EventSink.discard()).write(Instant.now());
    List<X509Certificate> ca = PemFiles.readCertificates(made.resolve("ca.pem"));
    TlsServerConfig tls = TlsServerConfig.fromFiles(made.resolve("server.pem"), made.resolve("server-key.pem"))
        .withClientAuth(ca, auth);
    RecordingEventSink sink = new RecordingEventSink();
    try (TcpServer server = new TcpServer(TcpServerConfig.defaults().withTls(tls), sink)) {
      Endpoint.Inet bound = (Endpoint.Inet) server.start();
      try (SSLSocket s = connect(clientContext(made.resolve("ca.pem"), made), bound.port(), null)) {
        s.getOutputStream().write('x');
        s.getOutputStream().flush();
        assertThat(s.getInputStream().read()).isEqualTo('x');
      }
      Event connection = sink.take("connection", WAIT);
      assertThat(connection.fields()).containsEntry("client", "CN=alice").containsKey("clientSha256");
    }
  }

  private static SSLSocket connect(SSLContext context, int port, String sni) throws Exception {
    SSLSocket s = (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", port);
    if (sni != null) {
      SSLParameters params = s.getSSLParameters();
      params.setServerNames(List.of(new SNIHostName(sni)));
      s.setSSLParameters(params);
    }
    s.startHandshake();
    return s;
  }

  private static SSLContext clientContext(Path caFile, Path aliceDir) throws Exception {
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    trust.setCertificateEntry("ca", PemFiles.readCertificates(caFile).get(0));
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    KeyManagerFactory kmf = null;
    if (aliceDir != null) {
      KeyStore keys = KeyStore.getInstance("PKCS12");
      keys.load(null, null);
      keys.setKeyEntry("alice", PemFiles.readPrivateKey(aliceDir.resolve("alice-key.pem")), new char[0],
          PemFiles.readCertificates(aliceDir.resolve("alice.pem")).toArray(new X509Certificate[0]));
      kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(keys, new char[0]);
    }
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(kmf == null ? null : kmf.getKeyManagers(), tmf.getTrustManagers(), null);
    return context;
  }

  private static byte[] readAll(SSLSocket s) {
    try (InputStream in = s.getInputStream()) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      in.transferTo(out);
      return out.toByteArray();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
