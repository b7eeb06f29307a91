package dev.nettool.protocols.tls;

import java.nio.file.Path;

/**
 * The files {@link CertDirectory} wrote or used.
 *
 * @param caCertificate the CA certificate a peer trusts ({@code DIR/ca.pem} or the one given)
 * @param caFingerprint its SHA-256 fingerprint
 * @param serverCertificate the server chain, leaf first
 * @param serverKey the server's private key
 */
public record CertDirectoryResult(Path caCertificate, String caFingerprint, Path serverCertificate, Path serverKey) {}
