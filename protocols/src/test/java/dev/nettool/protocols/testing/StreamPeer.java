package dev.nettool.protocols.testing;

import dev.nettool.protocols.address.Endpoint;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;

/**
 * A stream peer for client tests, written with the JDK's own sockets rather than Netty: a
 * {@link ServerSocket} on 127.0.0.1 port 0, or a Unix domain {@link ServerSocketChannel}. It accepts
 * one connection and runs a {@link Script} on it; {@link #done()} tells how the script ended.
 */
public final class StreamPeer implements AutoCloseable {
  private final Closeable server;
  private final Endpoint endpoint;
  private final Path socketFile;
  private final CompletableFuture<Void> done = new CompletableFuture<>();
  private final CountDownLatch closing = new CountDownLatch(1);
  private volatile Closeable accepted;

  /** What the peer does with the connection it accepted. */
  @FunctionalInterface
  public interface Script {
    void run(Connection c) throws Exception;
  }

  /** The accepted connection, as streams; {@code in} and {@code out} are used from the script's thread only. */
  public interface Connection {
    InputStream in();

    OutputStream out();

    /** Sends FIN: the peer has finished sending. */
    void shutdownOutput() throws IOException;

    /** Blocks until the test closes the peer: for scripts that must hold a connection open. */
    void holdUntilClosed() throws InterruptedException;

    /** Closes at once; over TCP with a reset (RST) instead of a FIN. */
    void abort() throws IOException;
  }

  private StreamPeer(Closeable server, Endpoint endpoint, Path socketFile) {
    this.server = server;
    this.endpoint = endpoint;
    this.socketFile = socketFile;
  }

  /** A TCP peer on 127.0.0.1 with a free port. */
  public static StreamPeer tcp(Script script) throws IOException {
    ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    StreamPeer peer = new StreamPeer(server, new Endpoint.Inet("127.0.0.1", server.getLocalPort()), null);
    peer.start(() -> {
      Socket s = server.accept();
      peer.accepted = s;
      return peer.connection(s.getInputStream(), s.getOutputStream(), s::shutdownOutput, () -> {
        s.setSoLinger(true, 0);
        s.close();
      });
    }, script);
    return peer;
  }

  /** A Unix domain socket peer at {@code path}, which must not exist yet; it is removed on close. */
  public static StreamPeer unix(Path path, Script script) throws IOException {
    ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
    server.bind(UnixDomainSocketAddress.of(path));
    StreamPeer peer = new StreamPeer(server, new Endpoint.Unix(path), path);
    peer.start(() -> {
      SocketChannel s = server.accept();
      peer.accepted = s;
      return peer.connection(Channels.newInputStream(s), Channels.newOutputStream(s), s::shutdownOutput, s::close);
    }, script);
    return peer;
  }

  /** Where clients connect. */
  public Endpoint endpoint() {
    return endpoint;
  }

  /** Completes when the script has returned; exceptionally with what it threw. */
  public CompletableFuture<Void> done() {
    return done;
  }

  @Override
  public void close() throws IOException {
    closing.countDown();
    server.close();
    Closeable a = accepted;
    if (a != null) {
      a.close();
    }
    if (socketFile != null) {
      Files.deleteIfExists(socketFile);
    }
  }

  private interface Acceptor {
    Connection accept() throws IOException;
  }

  private interface Shutdown {
    void run() throws IOException;
  }

  private void start(Acceptor acceptor, Script script) {
    Thread t = new Thread(() -> {
      try {
        Connection c = acceptor.accept();
        script.run(c);
        done.complete(null);
      } catch (Throwable e) {
        done.completeExceptionally(e);
      }
    }, "stream-peer");
    t.setDaemon(true);
    t.start();
  }

  private Connection connection(InputStream in, OutputStream out, Shutdown shutdown, Shutdown abort) {
    return new Connection() {
      @Override
      public InputStream in() {
        return in;
      }

      @Override
      public OutputStream out() {
        return out;
      }

      @Override
      public void shutdownOutput() throws IOException {
        shutdown.run();
      }

      @Override
      public void holdUntilClosed() throws InterruptedException {
        closing.await();
      }

      @Override
      public void abort() throws IOException {
        abort.run();
      }
    };
  }

  /** Writes back every byte until the client finishes, then finishes too. */
  public static void echo(Connection c) throws IOException {
    c.in().transferTo(c.out());
    c.out().flush();
    c.shutdownOutput();
  }

  /** Reads until the client finishes, then answers with how many bytes it got and finishes. */
  public static void countThenReply(Connection c) throws IOException {
    long n = c.in().transferTo(OutputStream.nullOutputStream());
    c.out().write(("got " + n + " bytes\n").getBytes(StandardCharsets.UTF_8));
    c.out().flush();
    c.shutdownOutput();
  }

  /** Sends {@code text}, then reads until the client closes or finishes; returns how many bytes it read. */
  public static long sendThenDrain(Connection c, String text) throws IOException {
    c.out().write(text.getBytes(StandardCharsets.UTF_8));
    c.out().flush();
    return c.in().transferTo(OutputStream.nullOutputStream());
  }
}
