package dev.nettool.servers.tcp;

import dev.nettool.protocols.event.EventSink;
import dev.nettool.protocols.server.ConnectionErrorReporter;
import dev.nettool.protocols.transport.Transport;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.ssl.SslContext;
import dev.nettool.protocols.tls.TlsCloseAsEnd;
import io.netty.handler.timeout.IdleStateHandler;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Assembles a connection's pipeline, top to bottom: TLS (when asked), limit, report, idle, welcome, back-pressure,
 * mode, errors.
 */
final class TcpServerInitializer extends ChannelInitializer<Channel> {
  private final TcpServerConfig config;
  private final EventSink sink;
  private final TcpServerStats stats;
  private final Transport transport;
  private final WelcomeHandler welcome;
  private final ReplyHandler reply;
  private final PipeBridge pipe;
  private final SslContext tls;

  TcpServerInitializer(
      TcpServerConfig config, EventSink sink, TcpServerStats stats, Transport transport,
      CompletableFuture<Void> done, SslContext tls) {
    this.tls = tls;
    this.config = config;
    this.sink = sink;
    this.stats = stats;
    this.transport = transport;
    this.welcome = config.welcome() == null ? null : new WelcomeHandler(config.welcome());
    this.reply = config.mode() instanceof TcpMode.Reply r ? new ReplyHandler(r.reply()) : null;
    this.pipe = config.mode() instanceof TcpMode.Pipe p ? new PipeBridge(p, done) : null;
  }

  @Override
  protected void initChannel(Channel ch) {
    // Half-close lets echo answer after the peer's FIN. NIO's Unix domain channel lacks the option:
    // there, the peer's FIN closes the connection (setOption says false instead of logging a warning).
    ch.config().setOption(ChannelOption.ALLOW_HALF_CLOSURE, true);
    ChannelPipeline p = ch.pipeline();
    if (tls != null) {
      p.addLast("tls", tls.newHandler(ch.alloc()));
      p.addLast("tls-end", new TlsCloseAsEnd());
    }
    p.addLast("limit", new TcpConnectionLimiter(stats, sink, config.maxConnections(), config.listen()));
    p.addLast("report", new TcpConnectionReporter(stats, sink, config.listen(), tls != null));
    if (config.idleTimeout() != null) {
      p.addLast("idle", new IdleStateHandler(0, 0, config.idleTimeout().toNanos(), TimeUnit.NANOSECONDS));
      p.addLast("idle-close", new TcpIdleCloser(sink, config.idleTimeout()));
    }
    if (welcome != null) {
      p.addLast("welcome", welcome);
    }
    if (config.mode() instanceof TcpMode.Forward) {
      ch.config().setAutoRead(false);
    } else {
      p.addLast("back-pressure", TcpBackPressureHandler.INSTANCE);
    }
    p.addLast("mode", modeHandler());
    p.addLast("errors", new ConnectionErrorReporter(sink));
  }

  /** Lets what a mode still holds outside the event loop (pipe mode's stdout) finish. */
  void close() {
    if (pipe != null) {
      pipe.close();
    }
  }

  private ChannelHandler modeHandler() {
    TcpMode mode = config.mode();
    if (mode instanceof TcpMode.Discard) {
      return DiscardHandler.INSTANCE;
    } else if (mode instanceof TcpMode.Source s) {
      return new SourceHandler(s.size());
    } else if (mode instanceof TcpMode.Reply) {
      return reply;
    } else if (mode instanceof TcpMode.Pipe) {
      return new PipeHandler(pipe, sink);
    } else if (mode instanceof TcpMode.Forward f) {
      return new ForwardHandler(f.upstream(), transport, sink);
    }
    return EchoHandler.INSTANCE;
  }
}
