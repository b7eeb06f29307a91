package dev.nettool.protocols.tls;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * When a certificate is valid. It starts an hour before it is made, so that a peer whose clock is a
 * little behind accepts it at once.
 *
 * @param notBefore the first instant it is valid
 * @param notAfter the last instant it is valid
 */
public record CertificateValidity(Instant notBefore, Instant notAfter) {
  /** How far back {@link #notBefore} lies. */
  public static final Duration BACKDATE = Duration.ofHours(1);
  /** The default life of a server or client certificate: 825 days, the most browsers accepted for a leaf. */
  public static final int LEAF_DAYS = 825;
  /** The default life of a CA nettool creates: ten years. */
  public static final int CA_DAYS = 3650;

  public CertificateValidity {
    notBefore = notBefore.truncatedTo(ChronoUnit.SECONDS);
    notAfter = notAfter.truncatedTo(ChronoUnit.SECONDS);
    if (notAfter.isBefore(notBefore)) {
      throw new IllegalArgumentException("notAfter " + notAfter + " lies before notBefore " + notBefore);
    }
  }

  /**
   * Valid from an hour before {@code now} for {@code days} days. Zero days makes a certificate that has
   * already expired (its last valid second is one second before {@code now}), for tests of expiry.
   */
  public static CertificateValidity ofDays(Instant now, int days) {
    if (days < 0) {
      throw new IllegalArgumentException("days must be 0 or more, not " + days);
    }
    Instant notAfter = days == 0 ? now.minusSeconds(1) : now.plus(Duration.ofDays(days));
    return new CertificateValidity(now.minus(BACKDATE), notAfter);
  }
}
