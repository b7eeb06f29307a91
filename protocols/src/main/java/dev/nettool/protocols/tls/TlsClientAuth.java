package dev.nettool.protocols.tls;

/** Whether a TLS server asks its clients for a certificate ({@code --client-auth want|require}). */
public enum TlsClientAuth {
  NONE,
  WANT,
  REQUIRE
}
