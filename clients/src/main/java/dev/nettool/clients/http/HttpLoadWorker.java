package dev.nettool.clients.http;

import dev.nettool.protocols.tls.TlsFailures;
import dev.nettool.protocols.transport.Transport;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpResponseDecoder;
import io.netty.handler.ssl.SslHandler;
import io.netty.resolver.NoopAddressResolverGroup;
import java.net.SocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * One connection slot of a load run, pinned to one event loop: connects (and over https shakes hands once),
 * lets its {@link HttpLoadHandler} send requests — or over HTTP/2 its {@link HttpLoadH2Handler} keep streams
 * in flight — and connects again when the connection closes while there is work left.
 */
final class HttpLoadWorker {
  private static final long RETRY_MILLIS = 100;
  private final HttpLoad run;
  private final Transport transport;
  private final EventLoop loop;
  private final SocketAddress address;
  private final boolean head;
  private final HttpClientTls tls;
  private final HttpLoadStats stats = new HttpLoadStats();
  private boolean done;
  private Channel channel;

  HttpLoadWorker(HttpLoad run, Transport transport, EventLoop loop, SocketAddress address, boolean head) {
    this(run, transport, loop, address, head, null);
  }

  /** With {@code tls} for an https run. */
  HttpLoadWorker(HttpLoad run, Transport transport, EventLoop loop, SocketAddress address, boolean head,
      HttpClientTls tls) {
    this.tls = tls;
    this.run = run;
    this.transport = transport;
    this.loop = loop;
    this.address = address;
    this.head = head;
  }

  /** Forgets, on this worker's loop, what it measured before {@code nanos} from now: the warm-up's. */
  void clearStatsIn(long nanos) {
    loop.schedule(stats::clear, nanos, TimeUnit.NANOSECONDS);
  }

  HttpLoadStats stats() {
    return stats;
  }

  HttpLoad run() {
    return run;
  }

  void connect() {
    loop.execute(this::connectNow);
  }

  private void connectNow() {
    int connectMillis = (int) Math.min(Integer.MAX_VALUE, run.config().client().connectTimeout().toMillis());
    channel = new Bootstrap()
        .group(loop)
        .channel(transport.socketChannel(false))
        .resolver(NoopAddressResolverGroup.INSTANCE)
        .option(ChannelOption.TCP_NODELAY, true)
        .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, Math.max(1, connectMillis))
        .handler(new ChannelInitializer<>() {
          @Override
          protected void initChannel(Channel ch) {
            transport.prepare(ch);
            if (tls == null) {
              speak(ch.pipeline(), run.config().client().http2());
              return;
            }
            SslHandler ssl = tls.newHandler(ch, run.config().client().request().url());
            ch.pipeline().addLast("tls", ssl);
            ch.pipeline().addLast("tls-errors", HandshakeErrors.INSTANCE);
            // Requests start once ALPN has settled the protocol, so no latency includes the handshake.
            ssl.handshakeFuture().addListener(hs -> {
              if (hs.isSuccess()) {
                speak(ch.pipeline(), HttpClientTls.negotiatedH2(ssl));
              } else {
                handshakeFailed(TlsFailures.describe(hs.cause()));
              }
            });
          }
        })
        .connect(address)
        .addListener((ChannelFutureListener) f -> {
          if (!f.isSuccess()) {
            connectFailed();
          }
        })
        .channel();
  }

  private void speak(ChannelPipeline p, boolean h2) {
    if (h2) {
      stats.spokeHttp2 = true;
      HttpClientHttp2.install(p);
      p.addLast("load", new HttpLoadH2Handler(this, stats, run.config().streams()));
    } else {
      stats.spokeHttp1 = true;
      p.addLast("decoder", decoder(head));
      p.addLast("load", new HttpLoadHandler(this, stats));
    }
  }

  // Like a failed connect; no handler that would reconnect on the close was added yet.
  private void handshakeFailed(String reason) {
    if (!run.claim()) {
      finish();
      return;
    }
    stats.tlsErrors++;
    if (stats.tlsFailure == null) {
      stats.tlsFailure = reason;
    }
    retry();
  }

  // A failed connect costs one request of the budget (so a refusing server ends the run); once the budget is
  // spent, a failure is not counted: no request was left to fail.
  private void connectFailed() {
    if (!run.claim()) {
      finish();
      return;
    }
    stats.connectErrors++;
    retry();
  }

  private void retry() {
    if (run.timed()) {
      loop.schedule(this::connectNow, RETRY_MILLIS, TimeUnit.MILLISECONDS);
    } else {
      connectNow();
    }
  }

  /** The budget is spent: the handler closes the connection and the slot is done. */
  void finish() {
    if (!done) {
      done = true;
      run.finished();
    }
  }

  /** The connection closed: connect again unless the slot is done. */
  void closed() {
    if (!done) {
      connectNow();
    }
  }

  boolean isDone() {
    return done;
  }

  void close() {
    Channel ch = channel;
    if (ch != null) {
      ch.close();
    }
  }

  /** Ends the handshake's failure in the pipeline: the handshake future's listener has counted it. */
  @Sharable
  private static final class HandshakeErrors extends ChannelInboundHandlerAdapter {
    static final HandshakeErrors INSTANCE = new HandshakeErrors();

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      ctx.close();
    }
  }

  private static HttpResponseDecoder decoder(boolean head) {
    HttpDecoderConfig cfg = new HttpDecoderConfig()
        .setMaxInitialLineLength(HttpClientInitializer.MAX_INITIAL_LINE)
        .setMaxHeaderSize(HttpClientInitializer.MAX_HEADER_SIZE)
        .setMaxChunkSize(HttpClientInitializer.MAX_CHUNK)
        // Only the status and Connection are read here: checking every header name costs rate for nothing.
        .setValidateHeaders(false);
    if (!head) {
      return new HttpResponseDecoder(cfg);
    }
    // Without the request side of HttpClientCodec, the decoder must be told that HEAD responses have no body.
    return new HttpResponseDecoder(cfg) {
      @Override
      protected boolean isContentAlwaysEmpty(HttpMessage msg) {
        return true;
      }
    };
  }
}
