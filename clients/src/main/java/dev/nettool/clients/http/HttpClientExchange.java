package dev.nettool.clients.http;

import dev.nettool.protocols.ExitCode;
import dev.nettool.protocols.NettoolException;
import dev.nettool.protocols.expect.Expectation;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.netty.handler.codec.http.HttpResponse;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * What the handlers of one request/response learn about it, handed over through {@link #done()} once the
 * response has ended or failed. Fields are plain: only the channel's event loop touches them; they cross
 * threads through the future.
 */
final class HttpClientExchange {
  /** Where the body of the response goes, decided when its head arrives. */
  enum BodyTarget { OUTPUT, KEEP, DISCARD }

  private final CompletableFuture<HttpClientExchange> done = new CompletableFuture<>();
  final HttpRequestSpec request;
  final long startNanos;
  final List<Expectation> watchers;
  long connectNanos;
  long firstByteNanos;
  long endNanos;
  int status;
  String reason;
  String version;
  List<Map.Entry<String, String>> headers = List.of();
  BodyTarget target = BodyTarget.DISCARD;
  CompositeByteBuf kept;
  long bodyBytes;
  NettoolException failure;
  /** The TLS facts of the connection (version, cipher, subject, ALPN), or {@code null} over plain http. */
  Map<String, Object> tls;

  HttpClientExchange(HttpRequestSpec request, long startNanos, List<Expectation> watchers) {
    this.request = request;
    this.startNanos = startNanos;
    this.watchers = watchers;
  }

  /** Records the response head. */
  void head(HttpResponse response) {
    status = response.status().code();
    reason = response.status().reasonPhrase();
    version = response.protocolVersion().text();
    List<Map.Entry<String, String>> h = new ArrayList<>();
    response.headers().forEach(e -> h.add(new AbstractMap.SimpleImmutableEntry<>(e.getKey(), e.getValue())));
    headers = h;
  }

  boolean hasHead() {
    return version != null;
  }

  /** The first failure wins: later ones are usually its consequences. */
  void fail(ExitCode code, String what, String detail) {
    if (failure == null && !done.isDone()) {
      failure = new NettoolException(code, what, detail);
    }
    finish();
  }

  /** Ends the exchange (once); kept bytes are released if it failed. */
  void finish() {
    if (done.isDone()) {
      return;
    }
    endNanos = System.nanoTime();
    if (failure != null && kept != null) {
      kept.release();
      kept = null;
    }
    if (failure != null) {
      done.completeExceptionally(failure);
    } else {
      done.complete(this);
    }
  }

  boolean isDone() {
    return done.isDone();
  }

  /** The kept body as bytes (released here), or {@code null}. */
  byte[] takeKept() {
    if (kept == null) {
      return null;
    }
    byte[] b = new byte[kept.readableBytes()];
    kept.readBytes(b);
    kept.release();
    kept = null;
    return b;
  }

  void keep(ByteBuf content, int maxComponents) {
    if (kept == null) {
      kept = content.alloc().compositeBuffer(maxComponents);
    }
    kept.addComponent(true, content.retain());
  }

  /** Completes when the response has ended; exceptionally with a {@link NettoolException}. */
  CompletableFuture<HttpClientExchange> done() {
    return done;
  }
}
