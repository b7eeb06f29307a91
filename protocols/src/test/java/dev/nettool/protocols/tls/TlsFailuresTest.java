package dev.nettool.protocols.tls;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.codec.DecoderException;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.nio.file.Path;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Handshake failures worded for people: our certificate verdicts first, then the engine's words made plainer. */
@Timeout(30)
class TlsFailuresTest {
  @TempDir Path dir;

  @Test
  void aRejectedCertificateInsideTheEnginesExceptionGivesItsReason() {
    SSLHandshakeException engine = new SSLHandshakeException("PKIX path building failed");
    engine.initCause(new TlsCertificateRejected("certificate not trusted (unknown CA)", null));

    assertThat(TlsFailures.describe(new DecoderException(engine))).isEqualTo("certificate not trusted (unknown CA)");
    assertThat(TlsFailures.isTls(new DecoderException(engine))).isTrue();
  }

  @Test
  void aFatalAlertFromThePeerSaysThePeerRefused() {
    assertThat(TlsFailures.describe(new SSLHandshakeException("Received fatal alert: certificate_unknown")))
        .isEqualTo("the peer refused the handshake (certificate_unknown)");
  }

  @Test
  void boringSslReasonsAreShortenedAndWordedAsTheJdkOnes() {
    assertThat(TlsFailures.describe(new SSLHandshakeException(
        "error:1000045c:SSL routines:OPENSSL_internal:TLSV1_ALERT_CERTIFICATE_REQUIRED")))
        .isEqualTo("no client certificate (one is required): tlsv1_alert_certificate_required");
    assertThat(TlsFailures.describe(new SSLHandshakeException(
        "error:10000410:SSL routines:OPENSSL_internal:TLSV1_ALERT_UNKNOWN_CA")))
        .isEqualTo("the peer refused the handshake (unknown_ca)");
    assertThat(TlsFailures.describe(new SSLHandshakeException(
        "error:100000f0:SSL routines:OPENSSL_internal:UNSUPPORTED_PROTOCOL")))
        .isEqualTo("no protocol in common (TLS 1.2 and 1.3 only): unsupported_protocol");
  }

  @Test
  void anOldProtocolSaysOnlyTls12And13AreSpoken() {
    assertThat(TlsFailures.describe(new SSLHandshakeException(
        "Client requested protocol TLSv1.1 is not enabled or supported in server context")))
        .startsWith("no protocol in common (TLS 1.2 and 1.3 only): ");
  }

  @Test
  void aPlainIoErrorIsNoTlsFailure() {
    assertThat(TlsFailures.isTls(new java.io.IOException("Connection reset by peer"))).isFalse();
  }

  @Test
  void anUnknownIssuerIsWordedAsAnUnknownCa() {
    X509Certificate leaf = TlsServerConfig.generate(dir).chain().get(0);
    CertificateException pkix = new CertificateException("PKIX path building failed",
        new CertPathBuilderException("unable to find valid certification path to requested target"));

    assertThat(TlsVerifyingTrustManager.reason(pkix, new X509Certificate[] {leaf}, "localhost"))
        .isEqualTo("certificate not trusted (unknown CA)");
  }

  @Test
  void aNameMismatchNamesTheHostAskedFor() {
    X509Certificate leaf = TlsServerConfig.generate(dir).chain().get(0);
    CertificateException mismatch = new CertificateException("No subject alternative DNS name matching other.test found.");

    assertThat(TlsVerifyingTrustManager.reason(mismatch, new X509Certificate[] {leaf}, "other.test"))
        .isEqualTo("certificate does not match host other.test");
  }
}
