package dev.nettool.protocols.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nettool.protocols.ExitCode;
import dev.nettool.protocols.NettoolException;
import java.io.IOException;
import java.math.BigInteger;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PrivateKey;
import java.time.Instant;
import java.util.List;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.util.io.pem.PemObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** PEM certificates and keys written and read back, in the encodings OpenSSL and other tools produce. */
@Timeout(60)
class PemFilesTest {
  private static final CertificateValidity VALIDITY = CertificateValidity.ofDays(Instant.now(), 1);

  @TempDir Path dir;

  @Test
  void readsBackAWholeChainInOrder() {
    CertificateAuthority ca = CertificateAuthority.create(KeyType.EC_P256, VALIDITY);
    IssuedCertificate server = ca.issue(CertificateRequest.server(CertDirectoryConfig.DEFAULT_NAMES, KeyType.EC_P256,
        VALIDITY));
    Path file = dir.resolve("server.pem");

    PemFiles.writeCertificates(file, server.chain());

    assertThat(PemFiles.readCertificates(file)).containsExactlyElementsOf(server.chain());
  }

  @ParameterizedTest
  @EnumSource(KeyType.class)
  void writesKeysAsPkcs8WithMode0600(KeyType type) throws IOException {
    PrivateKey key = type.generate(new java.security.SecureRandom()).getPrivate();
    Path file = dir.resolve("key.pem");

    PemFiles.writePrivateKey(file, key);

    assertThat(Files.readString(file)).startsWith("-----BEGIN PRIVATE KEY-----");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    assertThat(PemFiles.readPrivateKey(file)).isEqualTo(key);
  }

  @Test
  void replacesAnOpenKeyFileWithAPrivateOne() throws IOException {
    Path file = dir.resolve("key.pem");
    Files.writeString(file, "old");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

    PemFiles.writePrivateKey(file, KeyType.EC_P256.generate(new java.security.SecureRandom()).getPrivate());

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    try (var left = Files.list(dir)) {
      assertThat(left).as("no temp file left").containsExactly(file);
    }
  }

  @Test
  void readsPkcs1RsaKeys() throws IOException {
    PrivateKey key = KeyType.RSA_2048.generate(new java.security.SecureRandom()).getPrivate();
    Path file = writeLegacy(key);

    assertThat(Files.readString(file)).startsWith("-----BEGIN RSA PRIVATE KEY-----");
    assertThat(PemFiles.readPrivateKey(file).getEncoded()).isEqualTo(key.getEncoded());
  }

  @Test
  void readsSec1EcKeys() throws Exception {
    CertificateAuthority ca = CertificateAuthority.create(KeyType.EC_P256, VALIDITY);
    Path file = writeSec1(ca.key());

    assertThat(Files.readString(file)).startsWith("-----BEGIN EC PRIVATE KEY-----");
    PrivateKey read = PemFiles.readPrivateKey(file);
    assertThat(read.getAlgorithm()).isEqualTo("EC");
    assertThat(KeyPairCheck.matches(ca.certificate().getPublicKey(), read)).as("same key").isTrue();
  }

  @Test
  void findsTheKeyAfterACertificateInOneFile() throws IOException {
    CertificateAuthority ca = CertificateAuthority.create(KeyType.EC_P256, VALIDITY);
    Path cert = dir.resolve("c.pem");
    Path key = dir.resolve("k.pem");
    PemFiles.writeCertificates(cert, List.of(ca.certificate()));
    PemFiles.writePrivateKey(key, ca.key());
    Path both = dir.resolve("both.pem");
    Files.writeString(both, Files.readString(cert) + Files.readString(key));

    assertThat(PemFiles.readPrivateKey(both)).isEqualTo(ca.key());
    assertThat(PemFiles.readCertificates(both)).containsExactly(ca.certificate());
  }

  @Test
  void namesAMissingKeyFile() {
    Path file = dir.resolve("missing.pem");

    assertThatThrownBy(() -> PemFiles.readPrivateKey(file))
        .isInstanceOf(NettoolException.class)
        .hasMessage("cannot read key " + file + ": no such file")
        .extracting(e -> ((NettoolException) e).exitCode()).isEqualTo(ExitCode.USAGE);
  }

  @Test
  void saysWhenAFileHoldsNoKey() throws IOException {
    CertificateAuthority ca = CertificateAuthority.create(KeyType.EC_P256, VALIDITY);
    Path file = dir.resolve("cert-only.pem");
    PemFiles.writeCertificates(file, List.of(ca.certificate()));

    assertThatThrownBy(() -> PemFiles.readPrivateKey(file))
        .hasMessage("cannot read key " + file + ": no PRIVATE KEY block in it");
  }

  @Test
  void saysWhenAFileHoldsNoCertificate() throws IOException {
    Path file = dir.resolve("empty.pem");
    Files.writeString(file, "just text\n");

    assertThatThrownBy(() -> PemFiles.readCertificates(file))
        .isInstanceOf(NettoolException.class)
        .hasMessage("cannot read certificate " + file + ": no CERTIFICATE block in it");
  }

  @Test
  void saysWhenAPemBlockIsDamaged() throws IOException {
    Path file = dir.resolve("bad.pem");
    Files.writeString(file, "-----BEGIN PRIVATE KEY-----\nnot base64!\n-----END PRIVATE KEY-----\n");

    assertThatThrownBy(() -> PemFiles.readPrivateKey(file))
        .isInstanceOf(NettoolException.class)
        .hasMessageStartingWith("cannot read key " + file + ": ");
  }

  // PKCS#1: what BouncyCastle's generic PEM writer makes of an RSA private key.
  private Path writeLegacy(PrivateKey key) throws IOException {
    StringWriter text = new StringWriter();
    try (JcaPEMWriter pem = new JcaPEMWriter(text)) {
      pem.writeObject(key);
    }
    return save(text);
  }

  // SEC1 as OpenSSL writes it: the ECPrivateKey structure with the curve named in its parameters.
  private Path writeSec1(PrivateKey key) throws IOException {
    PrivateKeyInfo info = PrivateKeyInfo.getInstance(key.getEncoded());
    BigInteger d = org.bouncycastle.asn1.sec.ECPrivateKey.getInstance(info.parsePrivateKey()).getKey();
    ASN1Encodable curve = info.getPrivateKeyAlgorithm().getParameters();
    var sec1 = new org.bouncycastle.asn1.sec.ECPrivateKey(256, d, curve);
    StringWriter text = new StringWriter();
    try (JcaPEMWriter pem = new JcaPEMWriter(text)) {
      pem.writeObject(new PemObject("EC PRIVATE KEY", sec1.getEncoded()));
    }
    return save(text);
  }

  private Path save(StringWriter text) throws IOException {
    Path file = dir.resolve("legacy.pem");
    Files.writeString(file, text.toString(), StandardCharsets.US_ASCII);
    return file;
  }
}
