package dev.nettool.protocols.tls;

import java.security.cert.CertificateException;

/** A peer's certificate was refused; the message is the reason in plain words ("certificate expired on ..."). */
final class TlsCertificateRejected extends CertificateException {
  private static final long serialVersionUID = 1L;

  TlsCertificateRejected(String reason, Throwable cause) {
    super(reason, cause);
  }
}
