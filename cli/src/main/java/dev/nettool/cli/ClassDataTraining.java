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
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
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

  public static void main(String[] args) {
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
      TcpServer echo = new TcpServer(TcpServerConfig.defaults(), EventSink.discard());
      try {
        Endpoint bound = echo.start();
        if (only == null || only.equals("tcp-client")) {
          Nettool.run(ctx, "tcp-client", bound.display(), "--data", "x", "--expect", "x", "--timeout", "5s");
          Nettool.run(ctx, "tcp-client", bound.display(), "--data", "x", "--json", "-v", "--timeout", "5s");
        }
        if (only == null || only.equals("wait-for")) {
          Nettool.run(ctx, "wait-for", bound.display(), "--timeout", "5s");
        }
      } finally {
        echo.close(Duration.ofSeconds(1));
      }
    }
    if (only == null || only.equals("udp-client")) {
      UdpServer udpEcho = new UdpServer(UdpServerConfig.defaults().withMode(UdpMode.ECHO), EventSink.discard());
      try {
        Endpoint udp = udpEcho.start();
        Nettool.run(ctx, "udp-client", udp.display(), "--data", "x", "--expect", "x", "--timeout", "5s");
        Nettool.run(ctx, "udp-client", udp.display(), "--ping", "2", "--interval", "1ms", "--wait", "1s");
      } finally {
        udpEcho.close(Duration.ofSeconds(1));
      }
    }
    if (only == null || only.equals("http-client") || only.equals("wait-for")) {
      HttpServer http = new HttpServer(HttpServerConfig.builder().build(), EventSink.discard());
      try {
        String httpUrl = "http://" + http.start().display() + "/";
        if (only == null || only.equals("http-client")) {
          Nettool.run(ctx, "http-client", httpUrl, "--timeout", "5s");
          Nettool.run(ctx, "http-client", httpUrl, "-i", "--json-output", "--timeout", "5s");
        }
        if (only != null && only.equals("wait-for")) {
          Nettool.run(ctx, "wait-for", httpUrl, "--timeout", "5s");
        }
      } finally {
        http.close(Duration.ofSeconds(1));
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
}
