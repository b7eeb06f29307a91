package dev.nettool.protocols.tls;

import java.util.List;

/**
 * What a leaf certificate is for and whom it names.
 *
 * @param role server (extendedKeyUsage serverAuth) or client (clientAuth)
 * @param commonName the subject's CN
 * @param names the subject alternative names (none for a client)
 * @param keyType the kind of key generated for it
 * @param validity when it is valid
 */
public record CertificateRequest(Role role, String commonName, List<SubjectName> names, KeyType keyType,
    CertificateValidity validity) {
  /** What a leaf certificate is used for. */
  public enum Role {
    SERVER,
    CLIENT
  }

  public CertificateRequest {
    names = List.copyOf(names);
    if (commonName.isBlank()) {
      throw new IllegalArgumentException("a certificate needs a common name");
    }
  }

  /** A server certificate for {@code names}, the first of which is also the CN. */
  public static CertificateRequest server(List<SubjectName> names, KeyType keyType, CertificateValidity validity) {
    if (names.isEmpty()) {
      throw new IllegalArgumentException("a server certificate needs at least one name");
    }
    return new CertificateRequest(Role.SERVER, names.get(0).value(), names, keyType, validity);
  }

  /** A client certificate with CN={@code name}. */
  public static CertificateRequest client(String name, KeyType keyType, CertificateValidity validity) {
    return new CertificateRequest(Role.CLIENT, name, List.of(), keyType, validity);
  }
}
