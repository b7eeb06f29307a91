/**
 * TLS material: key pairs, a local certificate authority issuing server and client certificates
 * (BouncyCastle used as a plain library, never registered as a JVM-wide provider), PEM files in and out,
 * and the {@code nettool cert} directory layout.
 */
package dev.nettool.protocols.tls;
