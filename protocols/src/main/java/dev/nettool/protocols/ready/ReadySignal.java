package dev.nettool.protocols.ready;

import dev.nettool.protocols.ExitCode;
import dev.nettool.protocols.NettoolException;
import dev.nettool.protocols.transport.Transport;
import dev.nettool.protocols.transport.TransportKind;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.epoll.EpollDomainDatagramChannel;
import io.netty.channel.unix.DomainSocketAddress;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.TimeUnit;

/**
 * Announces readiness outside the ready line: {@code --ready-file} (written atomically, write then
 * rename), {@code --pid-file}, and {@code READY=1} to {@code $NOTIFY_SOCKET} the systemd way.
 *
 * @param readyFile where to write the bound address, or {@code null}
 * @param pidFile where to write the pid, or {@code null}
 * @param notifySocket the value of {@code NOTIFY_SOCKET}, or {@code null}
 */
public record ReadySignal(Path readyFile, Path pidFile, String notifySocket) {

  /** Writes the pid file, if asked for; called at start. */
  public void writePid() {
    if (pidFile != null) {
      writeAtomically(pidFile, ProcessHandle.current().pid() + "\n", "--pid-file");
    }
  }

  /** Everything that follows the ready line: the ready file and the notify socket. */
  public void announce(String address) {
    if (readyFile != null) {
      writeAtomically(readyFile, address + "\n", "--ready-file");
    }
    if (notifySocket != null && !notifySocket.isEmpty()) {
      notifySystemd("READY=1\nMAINPID=" + ProcessHandle.current().pid() + "\n");
    }
  }

  /** Tells systemd the service is stopping, when it is watching. */
  public void stopping() {
    if (notifySocket != null && !notifySocket.isEmpty()) {
      notifySystemd("STOPPING=1\n");
    }
  }

  private static void writeAtomically(Path target, String content, String option) {
    try {
      Path absolute = target.toAbsolutePath();
      Path tmp = absolute.resolveSibling("." + absolute.getFileName() + "." + ProcessHandle.current().pid() + ".tmp");
      Files.writeString(tmp, content, StandardCharsets.UTF_8);
      Files.move(tmp, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new NettoolException(ExitCode.FAILURE, option, "cannot write " + target + ": " + e.getMessage(), e);
    }
  }

  // The notify socket is a Unix datagram socket, which the JDK cannot open; epoll can. Failing to
  // notify is not worth failing the run for: systemd then reports the service as not ready.
  private void notifySystemd(String message) {
    if (Transport.unavailabilityReason(TransportKind.EPOLL).isPresent()) {
      return;
    }
    String path = notifySocket.startsWith("@") ? "\0" + notifySocket.substring(1) : notifySocket;
    EventLoopGroup group = Transport.select(TransportKind.EPOLL).newGroup(1, r -> new Thread(r, "nettool-notify"));
    try {
      // Connected first: an unconnected, unbound datagram channel is not active and writes nothing.
      ChannelFuture connect = new Bootstrap().group(group).channel(EpollDomainDatagramChannel.class)
          .handler(new ChannelInboundHandlerAdapter()).connect(new DomainSocketAddress(path));
      if (connect.awaitUninterruptibly(2, TimeUnit.SECONDS) && connect.isSuccess()) {
        Channel ch = connect.channel();
        ch.writeAndFlush(Unpooled.copiedBuffer(message, StandardCharsets.UTF_8))
            .awaitUninterruptibly(2, TimeUnit.SECONDS);
        ch.close().awaitUninterruptibly(1, TimeUnit.SECONDS);
      }
    } finally {
      group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }
  }
}
