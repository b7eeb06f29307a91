package dev.nettool.clients.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** A server for client tests written with the JDK's own {@link HttpServer}, on 127.0.0.1 with a free port. */
final class JdkHttpPeer implements AutoCloseable {
  private final HttpServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool();

  JdkHttpPeer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 100);
    server.setExecutor(executor);
    server.start();
  }

  JdkHttpPeer route(String path, HttpHandler handler) {
    server.createContext(path, handler);
    return this;
  }

  /** {@code http://127.0.0.1:PORT} + {@code path}. */
  HttpUrl url(String path) {
    return HttpUrl.parse("http://127.0.0.1:" + server.getAddress().getPort() + path);
  }

  /** Answers {@code status} with {@code body} (an empty one without content: -1 length). */
  static void send(HttpExchange ex, int status, byte[] body) throws IOException {
    ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    if (body.length > 0) {
      ex.getResponseBody().write(body);
    }
    ex.close();
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
