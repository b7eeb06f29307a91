package dev.nettool.servers.http;

import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The static mounts' routes ({@code GET}, and so HEAD, on {@code /prefix/*}). The handler checks the path
 * on the event loop, does every file system call (stat, real path, open, listing) on a small executor of
 * this server's own, and writes the answer back on the connection's event loop. The executor's daemon
 * threads end when idle, so a stopped server leaves none behind.
 */
final class HttpStaticFiles {
  private static final int THREADS = Math.min(4, Math.max(2, Runtime.getRuntime().availableProcessors()));

  private final List<Mounted> prefixed = new ArrayList<>();
  private final Mounted root;
  private final Executor executor;

  private record Mounted(String prefix, HttpStaticLookup lookup) {}

  /** The config's mounts, with their file system work on a fresh executor. */
  HttpStaticFiles(HttpServerConfig config) {
    this(config, newExecutor());
  }

  /** The config's mounts, with their file system work on {@code executor} (tests run it inline). */
  HttpStaticFiles(HttpServerConfig config, Executor executor) {
    Mounted top = null;
    for (HttpMount m : config.mounts()) {
      String prefix = m.prefix().endsWith("/") ? m.prefix().substring(0, m.prefix().length() - 1) : m.prefix();
      Mounted mounted = new Mounted(prefix, new HttpStaticLookup(prefix, m.dir(), config));
      if (prefix.isEmpty()) {
        top = mounted;
      } else {
        prefixed.add(mounted);
      }
    }
    this.root = top;
    this.executor = executor;
  }

  /** Threads start on the first request and end after 30 s idle: a server without mounts has none. */
  private static Executor newExecutor() {
    ThreadPoolExecutor pool = new ThreadPoolExecutor(THREADS, THREADS, 30, TimeUnit.SECONDS,
        new LinkedBlockingQueue<>(), new DefaultThreadFactory("nettool-http-files", true));
    pool.allowCoreThreadTimeOut(true);
    return pool;
  }

  /**
   * Mounts under a prefix, and {@code /} itself of a mount at the root: they go before the built-in
   * endpoints, so the root directory's index is the front page.
   */
  HttpRouteGroup prefixMounts() {
    return table -> {
      for (Mounted m : prefixed) {
        table.add(HttpMethod.GET, m.prefix() + "/*", exchange -> serve(exchange, m.lookup()));
      }
      if (root != null) {
        table.add(HttpMethod.GET, "/", exchange -> serve(exchange, root.lookup()));
      }
    };
  }

  /** Every other path of a mount at the root: after the built-in endpoints, so no file hides one. */
  HttpRouteGroup rootMount() {
    return table -> {
      if (root != null) {
        table.add(HttpMethod.GET, "/*", exchange -> serve(exchange, root.lookup()));
      }
    };
  }

  private void serve(HttpExchange exchange, HttpStaticLookup lookup) {
    String rest = exchange.param("*");
    HttpStaticPath path = HttpStaticPath.parse(rest == null ? "" : rest, exchange.rawPath().endsWith("/"));
    if (path instanceof HttpStaticPath.Refused refused) {
      exchange.respondText(refused.status(), refused.reason() + "\n");
      return;
    }
    HttpStaticRequest request = HttpStaticRequest.of(exchange);
    boolean chunked = !exchange.connection().fileRegions();
    EventLoop loop = exchange.channel().eventLoop();
    executor.execute(() -> {
      HttpStaticAnswer answer = answer(lookup, request, (HttpStaticPath.Segments) path, chunked);
      try {
        loop.execute(() -> answer.sendTo(exchange));
      } catch (RejectedExecutionException e) {
        answer.release();
      }
    });
  }

  private static HttpStaticAnswer answer(HttpStaticLookup lookup, HttpStaticRequest request,
      HttpStaticPath.Segments path, boolean chunked) {
    try {
      return lookup.answer(request, path, chunked);
    } catch (RuntimeException e) {
      return HttpStaticAnswer.text(HttpResponseStatus.INTERNAL_SERVER_ERROR, "cannot read the file: " + e);
    }
  }
}
