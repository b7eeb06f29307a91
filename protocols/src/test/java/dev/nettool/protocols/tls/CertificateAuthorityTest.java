package dev.nettool.protocols.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The CA nettool creates and the certificates it issues, read back through the JDK's X509Certificate API. */
@Timeout(60)
class CertificateAuthorityTest {
  private static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";
  private static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";
  // keyUsage bits in the order of X509Certificate.getKeyUsage()
  private static final int DIGITAL_SIGNATURE = 0;
  private static final int KEY_ENCIPHERMENT = 2;
  private static final int KEY_CERT_SIGN = 5;
  private static final int CRL_SIGN = 6;

  private final Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
  private final CertificateValidity validity = CertificateValidity.ofDays(now, 30);

  @ParameterizedTest
  @EnumSource(KeyType.class)
  void createsASelfSignedCaThatMayOnlySignCertificates(KeyType type) throws Exception {
    X509Certificate ca = CertificateAuthority.create(type, validity).certificate();

    assertThat(ca.getBasicConstraints()).as("pathlen of a CA").isEqualTo(0);
    assertThat(ca.getCriticalExtensionOIDs()).contains(Extension.basicConstraints.getId(), Extension.keyUsage.getId());
    assertThat(setBits(ca.getKeyUsage())).containsExactly(KEY_CERT_SIGN, CRL_SIGN);
    assertThat(ca.getSubjectX500Principal()).isEqualTo(ca.getIssuerX500Principal());
    assertThat(ca.getSubjectX500Principal().getName()).matches("CN=nettool local CA [0-9a-f]{8},O=nettool");
    assertThat(ca.getExtensionValue(Extension.subjectKeyIdentifier.getId())).isNotNull();
    assertThat(ca.getPublicKey().getAlgorithm()).isEqualTo(type == KeyType.EC_P256 ? "EC" : "RSA");
    assertThat(ca.getSigAlgName()).isEqualTo(type == KeyType.EC_P256 ? "SHA256withECDSA" : "SHA256withRSA");
    assertThatCode(() -> ca.verify(ca.getPublicKey())).as("self-signed").doesNotThrowAnyException();
  }

  @Test
  void twoNewCasHaveDifferentNamesAndSerials() {
    X509Certificate a = CertificateAuthority.create(KeyType.EC_P256, validity).certificate();
    X509Certificate b = CertificateAuthority.create(KeyType.EC_P256, validity).certificate();

    assertThat(a.getSubjectX500Principal()).isNotEqualTo(b.getSubjectX500Principal());
    assertThat(a.getSerialNumber()).isNotEqualTo(b.getSerialNumber());
    assertThat(a.getSerialNumber().signum()).isPositive();
    assertThat(a.getSerialNumber().bitLength()).isLessThanOrEqualTo(128);
  }

  @Test
  void issuesAServerCertificateForItsNames() throws Exception {
    CertificateAuthority ca = CertificateAuthority.create(KeyType.EC_P256, validity);
    IssuedCertificate issued = ca.issue(CertificateRequest.server(CertDirectoryConfig.DEFAULT_NAMES, KeyType.EC_P256,
        validity));
    X509Certificate cert = issued.certificate();

    assertThat(cert.getSubjectX500Principal().getName()).isEqualTo("CN=localhost");
    assertThat(cert.getIssuerX500Principal()).isEqualTo(ca.certificate().getSubjectX500Principal());
    assertThat(cert.getBasicConstraints()).as("CA:FALSE").isEqualTo(-1);
    assertThat(setBits(cert.getKeyUsage())).containsExactly(DIGITAL_SIGNATURE);
    assertThat(cert.getExtendedKeyUsage()).containsExactly(SERVER_AUTH);
    assertThat(cert.getSubjectAlternativeNames()).containsExactly(
        List.of(2, "localhost"), List.of(7, "127.0.0.1"), List.of(7, "0:0:0:0:0:0:0:1"));
    assertThat(cert.getNotBefore().toInstant()).isEqualTo(now.minusSeconds(3600));
    assertThat(cert.getNotAfter().toInstant()).isEqualTo(now.plus(java.time.Duration.ofDays(30)));
    assertThatCode(() -> cert.verify(ca.certificate().getPublicKey())).as("signed by the CA").doesNotThrowAnyException();
    assertThat(KeyPairCheck.matches(cert.getPublicKey(), issued.key())).as("key belongs to certificate").isTrue();
    assertThat(issued.chain()).containsExactly(cert, ca.certificate());
  }

  @Test
  void pointsTheAuthorityKeyIdAtTheCasSubjectKeyId() throws Exception {
    CertificateAuthority ca = CertificateAuthority.create(KeyType.EC_P256, validity);
    X509Certificate cert = ca.issue(CertificateRequest.client("alice", KeyType.EC_P256, validity)).certificate();

    byte[] caKeyId = SubjectKeyIdentifier.getInstance(DEROctetString.getInstance(
        ca.certificate().getExtensionValue(Extension.subjectKeyIdentifier.getId())).getOctets()).getKeyIdentifier();
    byte[] authorityKeyId = AuthorityKeyIdentifier.getInstance(DEROctetString.getInstance(
        cert.getExtensionValue(Extension.authorityKeyIdentifier.getId())).getOctets()).getKeyIdentifierOctets();
    assertThat(authorityKeyId).isEqualTo(caKeyId);
    assertThat(cert.getExtensionValue(Extension.subjectKeyIdentifier.getId())).isNotNull();
  }

  @Test
  void issuesRsaServerKeysThatMayAlsoEncipher() throws Exception {
    CertificateAuthority ca = CertificateAuthority.create(KeyType.EC_P256, validity);
    IssuedCertificate issued = ca.issue(CertificateRequest.server(
        List.of(SubjectName.parse("example.test")), KeyType.RSA_2048, validity));

    assertThat(issued.certificate().getPublicKey().getAlgorithm()).isEqualTo("RSA");
    assertThat(setBits(issued.certificate().getKeyUsage())).containsExactly(DIGITAL_SIGNATURE, KEY_ENCIPHERMENT);
    assertThat(issued.certificate().getSigAlgName()).as("signed by the EC CA").isEqualTo("SHA256withECDSA");
    assertThat(KeyPairCheck.matches(issued.certificate().getPublicKey(), issued.key())).isTrue();
  }

  @Test
  void issuesClientCertificatesWithTheNameAsCnAndClientAuth() throws Exception {
    CertificateAuthority ca = CertificateAuthority.create(KeyType.RSA_2048, validity);
    X509Certificate cert = ca.issue(CertificateRequest.client("alice", KeyType.EC_P256, validity)).certificate();

    assertThat(cert.getSubjectX500Principal().getName()).isEqualTo("CN=alice");
    assertThat(cert.getExtendedKeyUsage()).containsExactly(CLIENT_AUTH);
    assertThat(cert.getSubjectAlternativeNames()).isNull();
    assertThat(cert.getBasicConstraints()).isEqualTo(-1);
    assertThatCode(() -> cert.verify(ca.certificate().getPublicKey())).doesNotThrowAnyException();
  }

  @Test
  void signsWithAGivenCaWhoseKeyMatches() throws Exception {
    CertificateAuthority made = CertificateAuthority.create(KeyType.RSA_2048, validity);
    CertificateAuthority given = CertificateAuthority.of(made.certificate(), made.key());
    X509Certificate cert = given.issue(CertificateRequest.server(List.of(SubjectName.parse("IP:10.0.0.1")),
        KeyType.EC_P256, validity)).certificate();

    assertThat(cert.getSubjectX500Principal().getName()).isEqualTo("CN=10.0.0.1");
    assertThatCode(() -> cert.verify(made.certificate().getPublicKey())).doesNotThrowAnyException();
  }

  @Test
  void refusesACaKeyThatBelongsToAnotherCertificate() {
    CertificateAuthority a = CertificateAuthority.create(KeyType.EC_P256, validity);
    CertificateAuthority b = CertificateAuthority.create(KeyType.EC_P256, validity);

    assertThatThrownBy(() -> CertificateAuthority.of(a.certificate(), b.key()))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("the key does not belong to the certificate");
  }

  @Test
  void refusesALeafAsCa() {
    CertificateAuthority ca = CertificateAuthority.create(KeyType.EC_P256, validity);
    IssuedCertificate leaf = ca.issue(CertificateRequest.client("bob", KeyType.EC_P256, validity));

    assertThatThrownBy(() -> CertificateAuthority.of(leaf.certificate(), leaf.key()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a CA certificate");
  }

  @Test
  void zeroDaysMakesACertificateThatHasAlreadyExpired() {
    CertificateValidity expired = CertificateValidity.ofDays(now, 0);

    assertThat(expired.notAfter()).isBefore(now);
    assertThat(expired.notBefore()).isEqualTo(now.minusSeconds(3600));
    assertThatThrownBy(() -> CertificateValidity.ofDays(now, -1)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void checksKeysAgainstTheirCertificates() {
    CertificateAuthority ec = CertificateAuthority.create(KeyType.EC_P256, validity);
    CertificateAuthority rsa = CertificateAuthority.create(KeyType.RSA_2048, validity);

    assertThat(KeyPairCheck.matches(ec.certificate().getPublicKey(), ec.key())).isTrue();
    assertThat(KeyPairCheck.matches(rsa.certificate().getPublicKey(), rsa.key())).isTrue();
    assertThat(KeyPairCheck.matches(rsa.certificate().getPublicKey(), ec.key())).as("RSA cert, EC key").isFalse();
  }

  @Test
  void fingerprintsAsColonSeparatedUpperCaseSha256() throws Exception {
    X509Certificate ca = CertificateAuthority.create(KeyType.EC_P256, validity).certificate();
    String hex = java.util.HexFormat.ofDelimiter(":").withUpperCase().formatHex(
        java.security.MessageDigest.getInstance("SHA-256").digest(ca.getEncoded()));

    assertThat(CertificateFingerprint.sha256(ca)).isEqualTo(hex).matches("([0-9A-F]{2}:){31}[0-9A-F]{2}");
  }

  private static List<Integer> setBits(boolean[] bits) {
    assertThat(bits).as("keyUsage present").isNotNull();
    return java.util.stream.IntStream.range(0, bits.length).filter(i -> bits[i]).boxed().toList();
  }
}
