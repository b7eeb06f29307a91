package dev.nettool.clients.http;

import dev.nettool.protocols.tls.TlsClientConfig;
import dev.nettool.protocols.transport.TransportKind;
import java.time.Duration;

/**
 * Everything an {@link HttpClient} needs, immutable; {@link #builder(HttpRequestSpec)} starts from the defaults.
 *
 * @param request the (first) request
 * @param transport which transport to use
 * @param connectTimeout how long one connect may take before the run counts as timed out
 * @param followRedirects follow 3xx responses with a {@code Location} ({@code -L})
 * @param maxRedirects how many redirects may be followed before giving up
 * @param compressed ask for gzip or deflate and inflate what comes ({@code --compressed})
 * @param failOnError 4xx and 5xx are failures and their bodies are not written ({@code --fail})
 * @param includeHead write each response head before the body ({@code -i}, {@code -I})
 * @param aggregate keep the final body in memory for the result instead of writing it out
 * @param maxBody largest final body accepted, in bytes; 0 for no limit (aggregation always has one)
 * @param userAgent the {@code User-Agent} sent unless the request names one
 * @param expectations what the final response must satisfy
 * @param tls how {@code https://} hops check the server and show the client
 * @param http2 speak HTTP/2: offered by ALPN over https (HTTP/1.1 when the server declines), by prior
 *     knowledge over http
 */
public record HttpClientConfig(
    HttpRequestSpec request,
    TransportKind transport,
    Duration connectTimeout,
    boolean followRedirects,
    int maxRedirects,
    boolean compressed,
    boolean failOnError,
    boolean includeHead,
    boolean aggregate,
    long maxBody,
    String userAgent,
    HttpExpectations expectations,
    TlsClientConfig tls,
    boolean http2) {

  /** The aggregation limit when none is given: bodies bigger than this belong in a file, not in JSON. */
  public static final long DEFAULT_AGGREGATE_LIMIT = 16L << 20;

  public HttpClientConfig {
    if (connectTimeout.isNegative() || connectTimeout.isZero()) {
      throw new IllegalArgumentException("connect timeout must be positive");
    }
    if (maxRedirects < 0) {
      throw new IllegalArgumentException("max redirects is negative");
    }
    if (maxBody < 0) {
      throw new IllegalArgumentException("max body is negative");
    }
    if (tls == null) {
      throw new IllegalArgumentException("no TLS settings");
    }
  }

  /** The largest final body accepted, 0 for none; an aggregated body is limited either way. */
  public long bodyLimit() {
    return aggregate && maxBody == 0 ? DEFAULT_AGGREGATE_LIMIT : maxBody;
  }

  public static Builder builder(HttpRequestSpec request) {
    return new Builder(request);
  }

  /**
   * Defaults: auto transport, 10s connect timeout, redirects not followed (50 at most, as curl), no limits,
   * servers verified against the system's CAs, HTTP/1.1.
   */
  public static final class Builder {
    private final HttpRequestSpec request;
    private TransportKind transport = TransportKind.AUTO;
    private Duration connectTimeout = Duration.ofSeconds(10);
    private boolean followRedirects;
    private int maxRedirects = 50;
    private boolean compressed;
    private boolean failOnError;
    private boolean includeHead;
    private boolean aggregate;
    private long maxBody;
    private String userAgent = "nettool";
    private HttpExpectations expectations = HttpExpectations.NONE;
    private TlsClientConfig tls = TlsClientConfig.system();
    private boolean http2;

    private Builder(HttpRequestSpec request) {
      this.request = request;
    }

    public Builder transport(TransportKind v) {
      transport = v;
      return this;
    }

    public Builder connectTimeout(Duration v) {
      connectTimeout = v;
      return this;
    }

    public Builder followRedirects(boolean v) {
      followRedirects = v;
      return this;
    }

    public Builder maxRedirects(int v) {
      maxRedirects = v;
      return this;
    }

    public Builder compressed(boolean v) {
      compressed = v;
      return this;
    }

    public Builder failOnError(boolean v) {
      failOnError = v;
      return this;
    }

    public Builder includeHead(boolean v) {
      includeHead = v;
      return this;
    }

    public Builder aggregate(boolean v) {
      aggregate = v;
      return this;
    }

    public Builder maxBody(long v) {
      maxBody = v;
      return this;
    }

    public Builder userAgent(String v) {
      userAgent = v;
      return this;
    }

    public Builder expectations(HttpExpectations v) {
      expectations = v;
      return this;
    }

    public Builder tls(TlsClientConfig v) {
      tls = v;
      return this;
    }

    public Builder http2(boolean v) {
      http2 = v;
      return this;
    }

    public HttpClientConfig build() {
      return new HttpClientConfig(request, transport, connectTimeout, followRedirects, maxRedirects, compressed,
          failOnError, includeHead, aggregate, maxBody, userAgent, expectations, tls, http2);
    }
  }
}
