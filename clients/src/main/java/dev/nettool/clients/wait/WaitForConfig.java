package dev.nettool.clients.wait;

import dev.nettool.clients.http.HttpStatusPattern;
import dev.nettool.clients.http.HttpUrl;
import dev.nettool.protocols.address.Endpoint;
import dev.nettool.protocols.address.Endpoints;
import dev.nettool.protocols.transport.TransportKind;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * Everything a {@link WaitFor} needs, immutable.
 *
 * @param targets what must accept a connection: TCP host/port pairs or Unix socket paths
 * @param httpTargets what must answer a GET with one of {@code expectStatus}
 * @param expectStatus the statuses that count as ready for an HTTP target
 * @param timeout the overall deadline for all targets; {@link Duration#ZERO} waits forever
 * @param interval how long from the start of one attempt on a target to the start of the next
 * @param connectTimeout how long one connection attempt (and an HTTP target's answer) may take before it
 *     counts as failed
 * @param transport which transport to connect with
 */
public record WaitForConfig(List<Endpoint> targets, List<HttpUrl> httpTargets, List<HttpStatusPattern> expectStatus,
    Duration timeout, Duration interval, Duration connectTimeout, TransportKind transport) {

  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
  public static final Duration DEFAULT_INTERVAL = Duration.ofMillis(200);
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(2);

  public WaitForConfig {
    targets = List.copyOf(targets);
    httpTargets = List.copyOf(httpTargets);
    expectStatus = List.copyOf(expectStatus);
    if (expectStatus.isEmpty()) {
      throw new IllegalArgumentException("no status to expect");
    }
    if (targets.isEmpty() && httpTargets.isEmpty()) {
      throw new IllegalArgumentException("no target to wait for");
    }
    if (timeout.isNegative()) {
      throw new IllegalArgumentException("timeout is negative");
    }
    if (interval.isNegative() || interval.isZero()) {
      throw new IllegalArgumentException("interval must be more than 0");
    }
    if (connectTimeout.toMillis() < 1) {
      throw new IllegalArgumentException("connect timeout must be at least 1ms");
    }
  }

  /** Socket targets only. */
  public WaitForConfig(List<Endpoint> targets, Duration timeout, Duration interval, Duration connectTimeout,
      TransportKind transport) {
    this(targets, List.of(), List.of(HttpStatusPattern.SUCCESS), timeout, interval, connectTimeout, transport);
  }

  /** Waits up to 30s for {@code targets}, trying every 200ms with 2s per attempt, on the auto transport. */
  public static WaitForConfig defaults(List<Endpoint> targets) {
    return new WaitForConfig(targets, DEFAULT_TIMEOUT, DEFAULT_INTERVAL, DEFAULT_CONNECT_TIMEOUT, TransportKind.AUTO);
  }

  public WaitForConfig withTimeout(Duration timeout) {
    return new WaitForConfig(targets, httpTargets, expectStatus, timeout, interval, connectTimeout, transport);
  }

  public WaitForConfig withInterval(Duration interval) {
    return new WaitForConfig(targets, httpTargets, expectStatus, timeout, interval, connectTimeout, transport);
  }

  public WaitForConfig withConnectTimeout(Duration connectTimeout) {
    return new WaitForConfig(targets, httpTargets, expectStatus, timeout, interval, connectTimeout, transport);
  }

  public WaitForConfig withTransport(TransportKind transport) {
    return new WaitForConfig(targets, httpTargets, expectStatus, timeout, interval, connectTimeout, transport);
  }

  /** Adds HTTP targets, ready once a GET answers with one of {@code statuses}. */
  public WaitForConfig withHttpTargets(List<HttpUrl> urls, List<HttpStatusPattern> statuses) {
    return new WaitForConfig(targets, urls, statuses, timeout, interval, connectTimeout, transport);
  }

  /** Whether {@code text} is an HTTP target ({@code http://} or {@code https://}), for {@link #parseHttpTarget}. */
  public static boolean isHttpTarget(String text) {
    String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
    return t.startsWith("http://") || t.startsWith("https://");
  }

  /**
   * Parses an HTTP target, {@code http://HOST[:PORT][/PATH]}.
   *
   * @throws IllegalArgumentException naming what is wrong; {@code https://} is not supported yet
   */
  public static HttpUrl parseHttpTarget(String text) {
    HttpUrl url = HttpUrl.parse(text);
    if (url.https()) {
      throw new IllegalArgumentException("https:// is not supported yet");
    }
    return url;
  }

  /**
   * Parses one target: {@code HOST:PORT}, {@code [v6]:PORT}, {@code tcp://HOST:PORT} or {@code unix:/path}.
   *
   * @throws IllegalArgumentException naming what is wrong, including HTTP targets (see {@link #parseHttpTarget})
   */
  public static Endpoint parseTarget(String text) {
    String t = text == null ? "" : text.trim();
    int sep = t.indexOf("://");
    if (sep > 0) {
      String scheme = t.substring(0, sep).toLowerCase(Locale.ROOT);
      if (scheme.equals("http") || scheme.equals("https")) {
        throw new IllegalArgumentException("'" + text + "' is an HTTP target, not a socket address");
      }
      if (!scheme.equals("tcp")) {
        throw new IllegalArgumentException(
            "'" + text + "': wait-for takes HOST:PORT, [v6]:PORT, tcp://HOST:PORT or unix:/path");
      }
    }
    Endpoint e = Endpoints.parseTarget(t);
    if (e instanceof Endpoint.Inet inet && inet.port() == 0) {
      throw new IllegalArgumentException("'" + text + "': port 0 cannot accept connections");
    }
    return e;
  }
}
