package dev.nettool.protocols.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nettool.protocols.ExitCode;
import dev.nettool.protocols.NettoolException;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.SslContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;
import javax.net.ssl.SSLEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The contexts offer TLS 1.3 and 1.2 with the intermediate suites only; server material loads or is made. */
@Timeout(30)
class TlsContextsTest {
  private static final List<String> EXPECTED_SUITES = List.of(
      "TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256",
      "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
      "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
      "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256", "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256");

  @TempDir Path dir;

  @Test
  void serverEnginesOfferOnlyTls13And12WithTheIntermediateSuites() {
    SSLEngine engine = TlsContexts.server(TlsServerConfig.generate(dir)).newEngine(ByteBufAllocator.DEFAULT);

    assertThat(realProtocols(engine)).containsExactlyInAnyOrder("TLSv1.3", "TLSv1.2");
    assertThat(engine.getEnabledCipherSuites()).as("both engines support every intermediate suite (BoringSSL lists its fixed TLS 1.3 suites last)")
        .containsExactlyInAnyOrderElementsOf(EXPECTED_SUITES);
    assertThat(engine.getNeedClientAuth()).isFalse();
    assertThat(engine.getWantClientAuth()).isFalse();
  }

  @Test
  void clientEnginesOfferTheSameAndCheckTheHostName() {
    SslContext context = TlsContexts.client(TlsClientConfig.system());
    SSLEngine engine = context.newEngine(ByteBufAllocator.DEFAULT, "localhost", 443);

    assertThat(realProtocols(engine)).containsExactlyInAnyOrder("TLSv1.3", "TLSv1.2");
    assertThat(engine.getEnabledCipherSuites()).containsExactlyInAnyOrderElementsOf(EXPECTED_SUITES);
    assertThat(engine.getSSLParameters().getEndpointIdentificationAlgorithm()).isEqualTo("HTTPS");
  }

  @Test
  void insecureClientsSkipTheHostNameCheck() {
    SSLEngine engine = TlsContexts.client(TlsClientConfig.system().withInsecure(true))
        .newEngine(ByteBufAllocator.DEFAULT, "localhost", 443);

    assertThat(engine.getSSLParameters().getEndpointIdentificationAlgorithm()).isNullOrEmpty();
  }

  @Test
  void requiredClientAuthMakesTheEngineNeedACertificate() {
    TlsServerConfig made = TlsServerConfig.generate(dir);
    TlsServerConfig config = made.withClientAuth(PemFiles.readCertificates(made.caFile()), TlsClientAuth.REQUIRE);

    SSLEngine engine = TlsContexts.server(config).newEngine(ByteBufAllocator.DEFAULT);

    assertThat(engine.getNeedClientAuth()).isTrue();
  }

  @Test
  void generatedMaterialNamesItsCaAndLivesInAPrivateDirectory() throws Exception {
    TlsServerConfig made = TlsServerConfig.generate(null);

    assertThat(made.caFile()).exists();
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(made.caFile().getParent())))
        .isEqualTo("rwx------");
    assertThat(made.chain()).hasSize(2);
    assertThat(made.chain().get(0).getSubjectX500Principal().getName()).isEqualTo("CN=localhost");
  }

  @Test
  void materialFromFilesHasNoCaToName() {
    TlsServerConfig.generate(dir);

    TlsServerConfig loaded = TlsServerConfig.fromFiles(dir.resolve("server.pem"), dir.resolve("server-key.pem"));

    assertThat(loaded.caFile()).isNull();
    assertThat(loaded.chain()).hasSize(2);
  }

  @Test
  void aKeyOfAnotherCertificateIsAUsageErrorNamingBothFiles() {
    TlsServerConfig.generate(dir);

    assertThatThrownBy(() -> TlsServerConfig.fromFiles(dir.resolve("server.pem"), dir.resolve("ca-key.pem")))
        .isInstanceOfSatisfying(NettoolException.class, e -> {
          assertThat(e.exitCode()).isEqualTo(ExitCode.USAGE);
          assertThat(e.what()).isEqualTo("cannot use key " + dir.resolve("ca-key.pem"));
          assertThat(e.detail()).contains(dir.resolve("server.pem").toString());
        });
  }

  /**
   * The enabled protocols without "SSLv2Hello": Netty's OpenSSL engine always lists that pseudo-protocol
   * (a hello format, not a version), and BoringSSL never speaks SSLv2 at all.
   */
  private static List<String> realProtocols(SSLEngine engine) {
    return Arrays.stream(engine.getEnabledProtocols()).filter(p -> !p.equals("SSLv2Hello")).toList();
  }
}
