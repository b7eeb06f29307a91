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
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The launcher's training run for the application class-data-sharing archive: it loads the
 * classes a typical short command needs (picocli, the event printers, Netty clients against
 * in-process TCP, UDP, HTTP and WebSocket servers on loopback, and those servers' start and
 * stop), and returns; the launcher archives the classes it loaded. Not a command:
 * {@code scripts/nettool} runs it once after building the jar.
 */
public final class ClassDataTraining {
  private ClassDataTraining() {}

  public static void main(String[] args) {
    PrintStream sink = new PrintStream(OutputStream.nullOutputStream());
    Main.prepare(new String[0], sink);
    Transport.preload();
    // The signal classes come from a module the JDK's own archive leaves out; the training's
    // handlers go with its JVM.
    Signals.install();
    CliContext ctx = new CliContext(InputStream.nullInputStream(), sink, sink, Map.of(),
        new CompletableFuture<>(), false);
    Nettool.run(ctx, "--version");
    Nettool.run(ctx, "tcp-client", "--help");
    Nettool.run(ctx, "tcp-echo", "--max-time", "1ms", "--json");
    Nettool.run(ctx, "udp-echo", "--max-time", "1ms");
    Nettool.run(ctx, "http-server", "--max-time", "1ms");
    Nettool.run(ctx, "ws-server", "--max-time", "1ms");
    TcpServer echo = new TcpServer(TcpServerConfig.defaults(), EventSink.discard());
    UdpServer udpEcho = new UdpServer(UdpServerConfig.defaults().withMode(UdpMode.ECHO), EventSink.discard());
    HttpServer http = new HttpServer(HttpServerConfig.builder().build(), EventSink.discard());
    WsServer ws = new WsServer(WsServerConfig.defaults(), EventSink.discard());
    try {
      String httpUrl = "http://" + http.start().display() + "/";
      Nettool.run(ctx, "http-client", httpUrl, "--timeout", "5s");
      Nettool.run(ctx, "http-client", httpUrl, "-i", "--json-output", "--timeout", "5s");
      Nettool.run(ctx, "ws-client", "ws://" + ws.start().display() + "/", "--data", "x", "--expect", "x",
          "--timeout", "5s");
      Endpoint bound = echo.start();
      Nettool.run(ctx, "tcp-client", bound.display(), "--data", "x", "--expect", "x", "--timeout", "5s");
      Nettool.run(ctx, "tcp-client", bound.display(), "--data", "x", "--json", "-v", "--timeout", "5s");
      Nettool.run(ctx, "wait-for", bound.display(), "--timeout", "5s");
      Endpoint udp = udpEcho.start();
      Nettool.run(ctx, "udp-client", udp.display(), "--data", "x", "--expect", "x", "--timeout", "5s");
      Nettool.run(ctx, "udp-client", udp.display(), "--ping", "2", "--interval", "1ms", "--wait", "1s");
    } finally {
      echo.close(Duration.ofSeconds(1));
      udpEcho.close(Duration.ofSeconds(1));
      http.close(Duration.ofSeconds(1));
      ws.close(Duration.ofSeconds(1));
    }
  }
}
