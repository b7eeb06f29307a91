package dev.nettool.cli;

import dev.nettool.protocols.address.Endpoint;
import dev.nettool.protocols.event.EventSink;
import dev.nettool.protocols.transport.Transport;
import dev.nettool.servers.http.HttpServer;
import dev.nettool.servers.http.HttpServerConfig;
import dev.nettool.servers.tcp.TcpServer;
import dev.nettool.servers.tcp.TcpServerConfig;
import dev.nettool.servers.udp.UdpMode;
import dev.nettool.servers.udp.UdpServer;
import dev.nettool.servers.udp.UdpServerConfig;
import dev.nettool.servers.ws.WsServer;
import dev.nettool.servers.ws.WsServerConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The launcher's training runs for the application class-data-sharing archives: each loads the
 * classes a command needs and returns; the launcher archives the classes it loaded.
 *
 * <p>With no argument, the training for the archive every server and rare command shares: picocli's
 * help, the event printers, Netty clients against in-process TCP, UDP, HTTP and WebSocket servers on
 * loopback, and those servers' start and stop. With a one-shot client's name ({@link #CLIENTS}),
 * the training for that client's own, smaller archive: only its runs against one in-process server.
 * A one-shot {@code tcp-client} started 10 ms sooner on its own archive (20 MB) than on the shared
 * one (33 MB), which the JVM maps and relocates whole at every start. Not a command:
 * {@code scripts/nettool} runs it when it makes an archive.
 */
public final class ClassDataTraining {
  /** The one-shot clients that get an archive of their own. */
  static final List<String> CLIENTS = List.of("tcp-client", "udp-client", "http-client", "ws-client", "wait-for");

  private ClassDataTraining() {}

  public static void main(String[] args) throws IOException {
    String only = args.length > 0 ? args[0] : null;
    if (only != null && !CLIENTS.contains(only)) {
      throw new IllegalArgumentException("no training for " + only + "; one of " + CLIENTS);
    }
    PrintStream sink = new PrintStream(OutputStream.nullOutputStream());
    Main.prepare(new String[0], sink);
    Transport.preload();
    // The signal classes come from a module the JDK's own archive leaves out; the training's
    // handlers go with its JVM.
    Signals.install();
    // Main reads the environment and asks for a console: their classes belong in the archive too.
    System.getenv();
    System.console();
    CliContext ctx = new CliContext(InputStream.nullInputStream(), sink, sink, Map.of(),
        new CompletableFuture<>(), false);
    if (only == null) {
      Nettool.run(ctx, "--version");
      Nettool.run(ctx, "tcp-client", "--help");
      Nettool.run(ctx, "tcp-echo", "--max-time", "1ms", "--json");
      Nettool.run(ctx, "udp-echo", "--max-time", "1ms");
      Nettool.run(ctx, "http-server", "--max-time", "1ms");
      Nettool.run(ctx, "ws-server", "--max-time", "1ms");
    }
    if (only == null || only.equals("tcp-client") || only.equals("wait-for")) {
      // A client's own archive is trained against a peer made of the JDK's blocking sockets, whose
      // few classes cost its archive less than nettool's own server's (a fifth of the classes).
      TcpServer server = only == null ? new TcpServer(TcpServerConfig.defaults(), EventSink.discard()) : null;
      try (JdkEchoPeer peer = only == null ? null : JdkEchoPeer.tcp()) {
        String target = server != null ? server.start().display() : peer.target();
        if (only == null || only.equals("tcp-client")) {
          Nettool.run(ctx, "tcp-client", target, "--data", "x", "--expect", "x", "--timeout", "5s");
          Nettool.run(ctx, "tcp-client", target, "--data", "x", "--json", "-v", "--timeout", "5s");
        }
        if (only == null || only.equals("wait-for")) {
          Nettool.run(ctx, "wait-for", target, "--timeout", "5s");
        }
      } finally {
        if (server != null) {
          server.close(Duration.ofSeconds(1));
        }
      }
    }
    if (only == null || only.equals("udp-client")) {
      UdpServer server = only == null
          ? new UdpServer(UdpServerConfig.defaults().withMode(UdpMode.ECHO), EventSink.discard())
          : null;
      try (JdkEchoPeer peer = only == null ? null : JdkEchoPeer.udp()) {
        String target = server != null ? server.start().display() : peer.target();
        Nettool.run(ctx, "udp-client", target, "--data", "x", "--expect", "x", "--timeout", "5s");
        Nettool.run(ctx, "udp-client", target, "--ping", "2", "--interval", "1ms", "--wait", "1s");
      } finally {
        if (server != null) {
          server.close(Duration.ofSeconds(1));
        }
      }
    }
    if (only == null || only.equals("http-client") || only.equals("wait-for")) {
      HttpServer server = only == null ? new HttpServer(HttpServerConfig.builder().build(), EventSink.discard()) : null;
      JdkHttpPeer peer = only == null ? null : new JdkHttpPeer();
      try {
        String httpUrl = "http://" + (server != null ? server.start().display() : peer.target()) + "/";
        if (only == null || only.equals("http-client")) {
          Nettool.run(ctx, "http-client", httpUrl, "--timeout", "5s");
          Nettool.run(ctx, "http-client", httpUrl, "-i", "--json-output", "--timeout", "5s");
        }
        if (only != null && only.equals("wait-for")) {
          Nettool.run(ctx, "wait-for", httpUrl, "--timeout", "5s");
        }
      } finally {
        if (server != null) {
          server.close(Duration.ofSeconds(1));
        } else {
          peer.close();
        }
      }
    }
    if (only == null || only.equals("ws-client")) {
      WsServer ws = new WsServer(WsServerConfig.defaults(), EventSink.discard());
      try {
        Nettool.run(ctx, "ws-client", "ws://" + ws.start().display() + "/", "--data", "x", "--expect", "x",
            "--timeout", "5s");
      } finally {
        ws.close(Duration.ofSeconds(1));
      }
    }
  }

  /** A TCP or UDP echo peer on loopback, on a daemon thread, made of the JDK's blocking sockets. */
  static final class JdkEchoPeer implements AutoCloseable, Runnable {
    private final ServerSocket tcp;
    private final DatagramSocket udp;

    private JdkEchoPeer(ServerSocket tcp, DatagramSocket udp) {
      this.tcp = tcp;
      this.udp = udp;
      Thread t = new Thread(this, "training-echo");
      t.setDaemon(true);
      t.start();
    }

    static JdkEchoPeer tcp() throws IOException {
      return new JdkEchoPeer(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()), null);
    }

    static JdkEchoPeer udp() throws IOException {
      return new JdkEchoPeer(null, new DatagramSocket(0, InetAddress.getLoopbackAddress()));
    }

    String target() {
      return "127.0.0.1:" + (tcp != null ? tcp.getLocalPort() : udp.getLocalPort());
    }

    @Override
    public void run() {
      byte[] buf = new byte[65536];
      try {
        while (true) {
          if (tcp != null) {
            try (Socket s = tcp.accept()) {
              InputStream in = s.getInputStream();
              OutputStream out = s.getOutputStream();
              for (int n; (n = in.read(buf)) > 0; ) {
                out.write(buf, 0, n);
              }
            }
          } else {
            DatagramPacket p = new DatagramPacket(buf, buf.length);
            udp.receive(p);
            udp.send(new DatagramPacket(buf, p.getLength(), p.getSocketAddress()));
          }
        }
      } catch (IOException e) {
        // closed: the training is over
      }
    }

    @Override
    public void close() throws IOException {
      if (tcp != null) {
        tcp.close();
      } else {
        udp.close();
      }
    }
  }

  /** An HTTP peer on loopback answering every request 200, made of the JDK's own HTTP server. */
  static final class JdkHttpPeer implements com.sun.net.httpserver.HttpHandler {
    private final com.sun.net.httpserver.HttpServer server;

    JdkHttpPeer() throws IOException {
      server = com.sun.net.httpserver.HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
      server.createContext("/", this);
      server.start();
    }

    String target() {
      return "127.0.0.1:" + server.getAddress().getPort();
    }

    @Override
    public void handle(com.sun.net.httpserver.HttpExchange exchange) throws IOException {
      byte[] body = "{\"ok\":true}\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }

    void close() {
      server.stop(0);
    }
  }
}
