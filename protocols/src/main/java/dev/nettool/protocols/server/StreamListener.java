package dev.nettool.protocols.server;

import dev.nettool.protocols.ExitCode;
import dev.nettool.protocols.NettoolException;
import dev.nettool.protocols.address.Endpoint;
import dev.nettool.protocols.event.ErrorDetail;
import dev.nettool.protocols.event.EventSink;
import dev.nettool.protocols.transport.Transport;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The listening side every stream server shares: its event loops, the bound socket (TCP or Unix
 * domain, backlog 1024, address reuse, the accept back-off, each accepted connection prepared for the
 * transport) and the real address it got, and the order of shutting down. A server adds only its own
 * children: their initializer and options.
 */
public final class StreamListener {
  private final EventLoopGroup group;
  private final Channel channel;
  private final Endpoint bound;

  private StreamListener(EventLoopGroup group, Channel channel, Endpoint bound) {
    this.group = group;
    this.channel = channel;
    this.bound = bound;
  }

  /**
   * Binds {@code listen} with {@code threads} event loops named {@code name}; {@code children} sets the
   * child handler and options.
   *
   * @throws NettoolException with {@link ExitCode#LISTEN} when the address cannot be bound
   */
  public static StreamListener bind(Transport transport, int threads, String name, Endpoint listen, EventSink sink,
      Consumer<ServerBootstrap> children) {
    EventLoopGroup group = transport.newGroup(threads, new DefaultThreadFactory(name));
    boolean unix = listen instanceof Endpoint.Unix;
    ServerBootstrap b = new ServerBootstrap()
        .group(group)
        .channel(transport.serverChannel(unix))
        .handler(new ChannelInitializer<Channel>() {
          @Override
          protected void initChannel(Channel ch) {
            ch.pipeline().addLast(new AcceptBackoff(sink), new AcceptedChannelPreparer(transport));
          }
        })
        .option(ChannelOption.SO_BACKLOG, 1024);
    if (!unix) {
      b.option(ChannelOption.SO_REUSEADDR, true);
    }
    children.accept(b);
    ChannelFuture f = b.bind(listen.socketAddress(transport)).awaitUninterruptibly();
    if (!f.isSuccess()) {
      group.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
      throw new NettoolException(ExitCode.LISTEN, "cannot listen on " + listen.display(),
          ErrorDetail.of(f.cause()), f.cause());
    }
    Channel channel = f.channel();
    return new StreamListener(group, channel, unix ? listen : Endpoint.of(channel.localAddress()));
  }

  /** Where it listens, with the real port when 0 was asked. */
  public Endpoint bound() {
    return bound;
  }

  /** Stops accepting; open connections go on. */
  public void stopAccepting() {
    channel.close().awaitUninterruptibly();
  }

  /** Releases the event loops (after the connections were drained) and removes a Unix socket's file. */
  public void shutdown() {
    group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    if (bound instanceof Endpoint.Unix unix) {
      try {
        Files.deleteIfExists(unix.path());
      } catch (IOException ignored) {
        // a socket file we cannot remove is left for the next bind to report
      }
    }
  }
}
