package dev.nettool.protocols.tls;

import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A certificate authority that signs server and client certificates: one nettool creates (self-signed,
 * {@code CA:TRUE, pathlen:0}) or one the user gives. Keys come from the JDK's providers and signing uses
 * them too, so nothing is registered JVM-wide.
 */
public final class CertificateAuthority {
  private static final String CA_NAME = "nettool local CA";

  private final X509Certificate certificate;
  private final PrivateKey key;
  private final SecureRandom random = new SecureRandom();

  private CertificateAuthority(X509Certificate certificate, PrivateKey key) {
    this.certificate = certificate;
    this.key = key;
  }

  /** A new self-signed CA named {@code nettool local CA <8 hex digits>}, so that two of them differ by name. */
  public static CertificateAuthority create(KeyType keyType, CertificateValidity validity) {
    SecureRandom random = new SecureRandom();
    KeyPair pair = keyType.generate(random);
    byte[] tag = new byte[4];
    random.nextBytes(tag);
    X500Name name = new X500NameBuilder(BCStyle.INSTANCE)
        .addRDN(BCStyle.O, "nettool")
        .addRDN(BCStyle.CN, CA_NAME + " " + HexFormat.of().formatHex(tag))
        .build();
    X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(name, serial(random),
        Date.from(validity.notBefore()), Date.from(validity.notAfter()), name, pair.getPublic());
    try {
      b.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
      b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
      b.addExtension(Extension.subjectKeyIdentifier, false, extensions().createSubjectKeyIdentifier(pair.getPublic()));
    } catch (CertIOException e) {
      throw new IllegalStateException("cannot encode a CA extension", e);
    }
    return new CertificateAuthority(sign(b, pair.getPrivate()), pair.getPrivate());
  }

  /**
   * The CA of {@code certificate} and its {@code key}.
   *
   * @throws IllegalArgumentException when the certificate is no CA or the key is not its own
   */
  public static CertificateAuthority of(X509Certificate certificate, PrivateKey key) {
    if (certificate.getBasicConstraints() < 0) {
      throw new IllegalArgumentException("it is not a CA certificate (basicConstraints CA:TRUE missing)");
    }
    boolean[] usage = certificate.getKeyUsage();
    if (usage != null && !usage[5]) {
      throw new IllegalArgumentException("its keyUsage does not allow signing certificates (keyCertSign)");
    }
    KeyType.signatureAlgorithm(key);
    if (!KeyPairCheck.matches(certificate.getPublicKey(), key)) {
      throw new IllegalArgumentException("the key does not belong to the certificate");
    }
    return new CertificateAuthority(certificate, key);
  }

  public X509Certificate certificate() {
    return certificate;
  }

  public PrivateKey key() {
    return key;
  }

  /** Generates a key for {@code request} and signs a certificate for it. */
  public IssuedCertificate issue(CertificateRequest request) {
    KeyPair pair = request.keyType().generate(random);
    CertificateValidity v = request.validity();
    X500Name subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, request.commonName()).build();
    X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(certificate, serial(random),
        Date.from(v.notBefore()), Date.from(v.notAfter()), subject, pair.getPublic());
    int usage = KeyUsage.digitalSignature | (request.keyType() == KeyType.RSA_2048 ? KeyUsage.keyEncipherment : 0);
    KeyPurposeId purpose = request.role() == CertificateRequest.Role.SERVER
        ? KeyPurposeId.id_kp_serverAuth : KeyPurposeId.id_kp_clientAuth;
    try {
      b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
      b.addExtension(Extension.keyUsage, true, new KeyUsage(usage));
      b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purpose));
      if (!request.names().isEmpty()) {
        b.addExtension(Extension.subjectAlternativeName, false, alternativeNames(request.names()));
      }
      b.addExtension(Extension.subjectKeyIdentifier, false, extensions().createSubjectKeyIdentifier(pair.getPublic()));
      b.addExtension(Extension.authorityKeyIdentifier, false, new AuthorityKeyIdentifier(issuerKeyId()));
    } catch (CertIOException e) {
      throw new IllegalStateException("cannot encode a certificate extension", e);
    }
    X509Certificate leaf = sign(b, key);
    return new IssuedCertificate(leaf, pair.getPrivate(), List.of(leaf, certificate));
  }

  // The authority key id must equal the CA's own subject key id, however the CA's maker computed it.
  private byte[] issuerKeyId() {
    byte[] ext = certificate.getExtensionValue(Extension.subjectKeyIdentifier.getId());
    try {
      if (ext != null) {
        return SubjectKeyIdentifier.getInstance(JcaX509ExtensionUtils.parseExtensionValue(ext)).getKeyIdentifier();
      }
    } catch (IOException e) {
      // a malformed extension: fall back on the key's hash like a CA without one
    }
    return extensions().createSubjectKeyIdentifier(certificate.getPublicKey()).getKeyIdentifier();
  }

  private static GeneralNames alternativeNames(List<SubjectName> names) {
    GeneralName[] out = new GeneralName[names.size()];
    for (int i = 0; i < out.length; i++) {
      SubjectName n = names.get(i);
      if (n instanceof SubjectName.Ip ip) {
        out[i] = new GeneralName(GeneralName.iPAddress, new DEROctetString(ip.address().getAddress()));
      } else {
        out[i] = new GeneralName(GeneralName.dNSName, n.value());
      }
    }
    return new GeneralNames(out);
  }

  private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey signer) {
    try {
      var contentSigner = new JcaContentSignerBuilder(KeyType.signatureAlgorithm(signer)).build(signer);
      return new JcaX509CertificateConverter().getCertificate(builder.build(contentSigner));
    } catch (OperatorCreationException | GeneralSecurityException e) {
      throw new IllegalStateException("cannot sign a certificate: " + e.getMessage(), e);
    }
  }

  // A positive, non-zero 128-bit serial number (RFC 5280 allows up to 20 octets).
  private static BigInteger serial(SecureRandom random) {
    BigInteger serial;
    do {
      serial = new BigInteger(128, random);
    } while (serial.signum() == 0);
    return serial;
  }

  private static JcaX509ExtensionUtils extensions() {
    try {
      return new JcaX509ExtensionUtils();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK has no SHA-1 for key identifiers", e);
    }
  }
}
