package dev.nettool.servers.http;

import dev.nettool.protocols.address.Endpoint;
import dev.nettool.protocols.tls.TlsServerConfig;
import dev.nettool.protocols.transport.TransportKind;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Everything an {@link HttpServer} needs, immutable; {@link #builder()} starts from the defaults.
 *
 * @param listen where to bind (port 0 picks a free port)
 * @param transport which transport to use
 * @param threads event loop threads; 0 means one per two cores
 * @param count stop once this many requests were answered completely; 0 means never
 * @param maxBody largest request body accepted (413 beyond), also after inflating a compressed body
 * @param headerTimeout a request head must be complete within this (408), and a body may not stall longer
 * @param sendTimeout a client that takes no response bytes for this long is closed
 * @param keepAliveTimeout an idle keep-alive connection is closed after this
 * @param compress gzip/deflate responses for clients that ask
 * @param cors answer CORS preflights and add CORS headers
 * @param auth {@code USER:PASS} that every route requires with Basic auth, or {@code null}
 * @param sessionSecret the HMAC-SHA256 key that signs {@code session_id} cookies
 * @param sessionTtl how long a session lives after its last visit
 * @param uploadDir where {@code /upload} stores files, or {@code null} to hash and drop them
 * @param mounts static directories by URL prefix
 * @param listDirectories list a directory without {@code index.html}
 * @param maxAge {@code Cache-Control: max-age} for static files, or {@code null} for none
 * @param followSymlinks serve symlinks that lead out of a mount's root
 * @param routes scripted routes, tried before every built-in endpoint
 * @param tls the TLS material (HTTPS, offering h2 and http/1.1 by ALPN), or {@code null} for cleartext
 *     (HTTP/1.1, and h2c by prior knowledge or {@code Upgrade})
 */
public record HttpServerConfig(
    Endpoint listen,
    TransportKind transport,
    int threads,
    long count,
    long maxBody,
    Duration headerTimeout,
    Duration sendTimeout,
    Duration keepAliveTimeout,
    boolean compress,
    boolean cors,
    String auth,
    byte[] sessionSecret,
    Duration sessionTtl,
    Path uploadDir,
    List<HttpMount> mounts,
    boolean listDirectories,
    Duration maxAge,
    boolean followSymlinks,
    List<HttpRoute> routes,
    TlsServerConfig tls) {

  /** Request line limit: RFC 9112 asks for at least 8,000 octets; Netty's default is 4 KB. Longer: 414. */
  public static final int MAX_REQUEST_LINE = 8 << 10;
  /** Header section limit; larger: 431. */
  public static final int MAX_HEADER_SIZE = 16 << 10;

  public HttpServerConfig {
    mounts = List.copyOf(mounts);
    routes = List.copyOf(routes);
    sessionSecret = sessionSecret.clone();
  }

  @Override
  public byte[] sessionSecret() {
    return sessionSecret.clone();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding the defaults: 127.0.0.1 port 0, 10 MB bodies, 10 s header timeout, 5 s keep-alive. */
  public static final class Builder {
    private Endpoint listen = new Endpoint.Inet("127.0.0.1", 0);
    private TransportKind transport = TransportKind.AUTO;
    private int threads;
    private long count;
    private long maxBody = 10L << 20;
    private Duration headerTimeout = Duration.ofSeconds(10);
    private Duration sendTimeout = Duration.ofSeconds(30);
    private Duration keepAliveTimeout = Duration.ofSeconds(5);
    private boolean compress;
    private boolean cors;
    private String auth;
    private byte[] sessionSecret = randomSecret();
    private Duration sessionTtl = Duration.ofMinutes(20);
    private Path uploadDir;
    private List<HttpMount> mounts = List.of();
    private boolean listDirectories;
    private Duration maxAge;
    private boolean followSymlinks;
    private List<HttpRoute> routes = List.of();
    private TlsServerConfig tls;

    private static byte[] randomSecret() {
      byte[] b = new byte[32];
      new java.security.SecureRandom().nextBytes(b);
      return b;
    }

    public Builder listen(Endpoint v) { listen = v; return this; }
    public Builder transport(TransportKind v) { transport = v; return this; }
    public Builder threads(int v) { threads = v; return this; }
    public Builder count(long v) { count = v; return this; }
    public Builder maxBody(long v) { maxBody = v; return this; }
    public Builder headerTimeout(Duration v) { headerTimeout = v; return this; }
    public Builder sendTimeout(Duration v) { sendTimeout = v; return this; }
    public Builder keepAliveTimeout(Duration v) { keepAliveTimeout = v; return this; }
    public Builder compress(boolean v) { compress = v; return this; }
    public Builder cors(boolean v) { cors = v; return this; }
    public Builder auth(String v) { auth = v; return this; }
    public Builder sessionSecret(byte[] v) { sessionSecret = v.clone(); return this; }
    public Builder sessionTtl(Duration v) { sessionTtl = v; return this; }
    public Builder uploadDir(Path v) { uploadDir = v; return this; }
    public Builder mounts(List<HttpMount> v) { mounts = v; return this; }
    public Builder listDirectories(boolean v) { listDirectories = v; return this; }
    public Builder maxAge(Duration v) { maxAge = v; return this; }
    public Builder followSymlinks(boolean v) { followSymlinks = v; return this; }
    public Builder routes(List<HttpRoute> v) { routes = v; return this; }
    public Builder tls(TlsServerConfig v) { tls = v; return this; }

    public HttpServerConfig build() {
      return new HttpServerConfig(listen, transport, threads, count, maxBody, headerTimeout, sendTimeout,
          keepAliveTimeout, compress, cors, auth, sessionSecret, sessionTtl, uploadDir, mounts, listDirectories,
          maxAge, followSymlinks, routes, tls);
    }
  }
}
