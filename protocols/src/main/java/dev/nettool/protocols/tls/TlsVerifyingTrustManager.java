package dev.nettool.protocols.tls;

import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The JDK's PKIX trust manager for a server's chain, whose refusals say why in plain words: an unknown CA,
 * an expired certificate, or a certificate for another name. The JDK's own checks decide; only the wording
 * is ours, carried by a {@link TlsCertificateRejected}.
 */
final class TlsVerifyingTrustManager extends X509ExtendedTrustManager {
  private final X509ExtendedTrustManager delegate;

  TlsVerifyingTrustManager(KeyStore trusted) {
    try {
      TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(trusted);
      X509ExtendedTrustManager found = null;
      for (TrustManager tm : tmf.getTrustManagers()) {
        if (tm instanceof X509ExtendedTrustManager x) {
          found = x;
        }
      }
      if (found == null) {
        throw new IllegalStateException("the JDK has no X509 trust manager");
      }
      this.delegate = found;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot load the trust store", e);
    }
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    try {
      delegate.checkServerTrusted(chain, authType, engine);
    } catch (CertificateException e) {
      throw new TlsCertificateRejected(reason(e, chain, engine == null ? null : engine.getPeerHost()), e);
    }
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
    try {
      delegate.checkServerTrusted(chain, authType, socket);
    } catch (CertificateException e) {
      throw new TlsCertificateRejected(reason(e, chain, null), e);
    }
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
    try {
      delegate.checkServerTrusted(chain, authType);
    } catch (CertificateException e) {
      throw new TlsCertificateRejected(reason(e, chain, null), e);
    }
  }

  /** Why the chain was refused: expiry first (the JDK reports it as a path failure), then name, then trust. */
  static String reason(CertificateException e, X509Certificate[] chain, String host) {
    if (chain.length > 0 && chain[0].getNotAfter().before(Date.from(Instant.now()))) {
      return "certificate expired on " + chain[0].getNotAfter().toInstant();
    }
    if (chain.length > 0 && chain[0].getNotBefore().after(Date.from(Instant.now()))) {
      return "certificate not valid before " + chain[0].getNotBefore().toInstant();
    }
    String msg = String.valueOf(e.getMessage());
    if (msg.startsWith("No subject alternative") || msg.startsWith("No name matching")) {
      return "certificate does not match host " + (host == null ? "(unknown)" : host);
    }
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof CertPathBuilderException || String.valueOf(t.getMessage()).contains("PKIX path building")) {
        return "certificate not trusted (unknown CA)";
      }
    }
    return "certificate refused: " + msg;
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    delegate.checkClientTrusted(chain, authType, engine);
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
    delegate.checkClientTrusted(chain, authType, socket);
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
    delegate.checkClientTrusted(chain, authType);
  }

  @Override
  public X509Certificate[] getAcceptedIssuers() {
    return delegate.getAcceptedIssuers();
  }
}
