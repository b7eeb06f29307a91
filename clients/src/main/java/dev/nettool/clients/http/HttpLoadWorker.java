package dev.nettool.clients.http;

import dev.nettool.protocols.transport.Transport;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpResponseDecoder;
import io.netty.resolver.NoopAddressResolverGroup;
import java.net.SocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * One connection slot of a load run, pinned to one event loop: connects, lets its {@link HttpLoadHandler}
 * send requests, and connects again when the connection closes while there is work left.
 */
final class HttpLoadWorker {
  private static final long RETRY_MILLIS = 100;
  private final HttpLoad run;
  private final Transport transport;
  private final EventLoop loop;
  private final SocketAddress address;
  private final boolean head;
  private final HttpLoadStats stats = new HttpLoadStats();
  private boolean done;
  private Channel channel;

  HttpLoadWorker(HttpLoad run, Transport transport, EventLoop loop, SocketAddress address, boolean head) {
    this.run = run;
    this.transport = transport;
    this.loop = loop;
    this.address = address;
    this.head = head;
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
            ch.pipeline().addLast("decoder", decoder(head));
            ch.pipeline().addLast("load", new HttpLoadHandler(HttpLoadWorker.this, stats));
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

  // A failed connect costs one request of the budget (so a refusing server ends the run); once the budget is
  // spent, a failure is not counted: no request was left to fail.
  private void connectFailed() {
    if (!run.claim()) {
      finish();
      return;
    }
    stats.connectErrors++;
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
