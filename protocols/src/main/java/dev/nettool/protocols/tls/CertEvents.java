package dev.nettool.protocols.tls;

import dev.nettool.protocols.event.Event;
import dev.nettool.protocols.event.Verbosity;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import javax.security.auth.x500.X500Principal;

/** The events of writing a certificate directory: which CA signs, and each file written. */
final class CertEvents {
  private CertEvents() {}

  /** Where the CA comes from. */
  enum CaSource {
    CREATED,
    EXISTING,
    GIVEN
  }

  /** {@code ca created out/ca.pem subject="CN=nettool local CA 1a2b3c4d,O=nettool" until=... sha256=AB:...}. */
  static Event ca(CaSource source, Path file, X509Certificate ca) {
    String subject = subject(ca);
    String until = until(ca);
    String sha256 = CertificateFingerprint.sha256(ca);
    String how = source.name().toLowerCase(Locale.ROOT);
    return Event.builder("ca", Verbosity.QUIET)
        .field("source", how)
        .field("path", file.toString())
        .field("subject", subject)
        .field("notAfter", until)
        .field("sha256", sha256)
        .text("ca " + how + " " + file + " subject=\"" + subject + "\" until=" + until + " sha256=" + sha256);
  }

  /** {@code wrote out/server.pem server certificate subject="CN=localhost" san=DNS:localhost,IP:::1 until=...}. */
  static Event certificate(String role, Path file, X509Certificate cert, List<SubjectName> names, int chain) {
    String subject = subject(cert);
    String until = until(cert);
    List<String> san = names.stream().map(SubjectName::toString).toList();
    StringBuilder text = new StringBuilder("wrote ").append(file).append(' ').append(role)
        .append(" certificate subject=\"").append(subject).append('"');
    if (!san.isEmpty()) {
      text.append(" san=").append(String.join(",", san));
    }
    text.append(" until=").append(until);
    if (chain > 1) {
      text.append(" chain=").append(chain);
    }
    return Event.builder("wrote", Verbosity.NORMAL)
        .field("path", file.toString())
        .field("kind", "certificate")
        .field("role", role)
        .field("subject", subject)
        .field("san", san.isEmpty() ? null : san)
        .field("notAfter", until)
        .field("chain", chain)
        .field("sha256", CertificateFingerprint.sha256(cert))
        .text(text.toString());
  }

  /** {@code wrote out/server-key.pem server key type=ec mode=0600}. */
  static Event key(String role, Path file, KeyType type) {
    return Event.builder("wrote", Verbosity.NORMAL)
        .field("path", file.toString())
        .field("kind", "key")
        .field("role", role)
        .field("keyType", type.optionName())
        .field("mode", "0600")
        .text("wrote " + file + " " + role + " key type=" + type.optionName() + " mode=0600");
  }

  private static String subject(X509Certificate cert) {
    return cert.getSubjectX500Principal().getName(X500Principal.RFC2253);
  }

  private static String until(X509Certificate cert) {
    return Instant.ofEpochMilli(cert.getNotAfter().getTime()).toString();
  }
}
