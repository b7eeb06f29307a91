package dev.nettool.protocols.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.StandardSocketOptions;

/**
 * A loopback TCP port that refuses connections until a test calls {@link #listen()}.
 *
 * <p>The port is held by a bound socket that never listens, so connecting to it is refused and no
 * other process can take it meanwhile (unlike "find a free port, close it, bind it later"). Both
 * sockets set {@code SO_REUSEPORT}, which lets the listener bind beside the holder.
 */
public final class ReservedPort implements AutoCloseable {
  private final Socket holder;
  private ServerSocket listener;

  private ReservedPort(Socket holder) {
    this.holder = holder;
  }

  /** Reserves a free port on {@code 127.0.0.1}. */
  public static ReservedPort reserve() throws IOException {
    return reserve(InetAddress.getLoopbackAddress());
  }

  /** Reserves a free port on {@code address} (a loopback address). */
  public static ReservedPort reserve(InetAddress address) throws IOException {
    return reserve(address, 0);
  }

  /** Reserves {@code port} on {@code address}; fails when it is taken (0 picks a free one). */
  public static ReservedPort reserve(InetAddress address, int port) throws IOException {
    Socket s = new Socket();
    try {
      s.setOption(StandardSocketOptions.SO_REUSEPORT, true);
      s.bind(new InetSocketAddress(address, port));
    } catch (IOException | RuntimeException e) {
      s.close();
      throw e;
    }
    return new ReservedPort(s);
  }

  public int port() {
    return holder.getLocalPort();
  }

  /** Starts accepting on the reserved port; the returned socket closes with this object. */
  public ServerSocket listen() throws IOException {
    ServerSocket ss = new ServerSocket();
    try {
      ss.setOption(StandardSocketOptions.SO_REUSEPORT, true);
      ss.bind(new InetSocketAddress(holder.getLocalAddress(), port()));
    } catch (IOException | RuntimeException e) {
      ss.close();
      throw e;
    }
    listener = ss;
    return ss;
  }

  @Override
  public void close() throws IOException {
    try {
      holder.close();
    } finally {
      if (listener != null) {
        listener.close();
      }
    }
  }
}
