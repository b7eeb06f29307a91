package io.netty.channel.epoll;

import io.netty.channel.Channel;
import java.io.IOException;

/**
 * Works around a defect of Netty 4.2.18's epoll registration: when a channel's interest set drops
 * to none (input shut down after a FIN, nothing waiting to be written), the fd is removed from the
 * epoll set but the registration still believes it is there, so the next write that has to wait
 * for {@code EPOLLOUT} fails with {@code epoll_ctl(..) failed with error(-2)} and the rest of the
 * data is lost. Keeping {@code EPOLLERR} in the set, which the kernel reports whether asked or
 * not, keeps the set from ever being empty. It lives in Netty's package because the flag setter is
 * package-private; {@code dev.nettool.protocols.transport.Transport} is its only caller.
 */
public final class EpollInterestPin {
  private EpollInterestPin() {}

  /** Pins {@code ch}'s epoll registration; does nothing for other channels. */
  public static void pin(Channel ch) {
    if (ch instanceof AbstractEpollChannel epoll) {
      try {
        epoll.setFlag(Native.EPOLLERR);
      } catch (IOException e) {
        epoll.pipeline().fireExceptionCaught(e);
      }
    }
  }
}
