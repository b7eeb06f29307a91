package dev.nettool.clients.wait;

import dev.nettool.clients.http.HttpUrl;
import dev.nettool.protocols.address.Endpoint;
import dev.nettool.protocols.event.EventSink;
import dev.nettool.protocols.transport.Transport;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Waits until every target accepts a connection (an HTTP target: answers a GET with an expected status), or
 * until the deadline passes: {@link #start()}
 * probes all targets in parallel and returns the outcome, {@link #close()} stops and releases threads.
 *
 * <p>All probe state lives on one event loop, so the deadline and a late success never race. Host
 * names are resolved on their own threads ({@link InetAddress} blocks), never on the event loop.
 */
public final class WaitFor implements AutoCloseable {
  private final WaitForConfig config;
  private final EventSink sink;
  private final Transport transport;
  private final Resolver resolver;
  private final CompletableFuture<WaitForOutcome> outcome = new CompletableFuture<>();
  private final List<WaitForProbe> probes = new ArrayList<>();
  private EventLoopGroup group;
  private EventLoop loop;
  private ExecutorService resolving;

  /** Looks up every address of a host name; blocking, so it is only called off the event loop. */
  @FunctionalInterface
  interface Resolver {
    InetAddress[] resolve(String host) throws UnknownHostException;
  }

  public WaitFor(WaitForConfig config, EventSink sink) {
    this(config, sink, InetAddress::getAllByName);
  }

  WaitFor(WaitForConfig config, EventSink sink, Resolver resolver) {
    this.config = config;
    this.sink = sink;
    this.resolver = resolver;
    this.transport = Transport.select(config.transport());
  }

  /** Starts probing; the outcome completes once all targets are up or the timeout has passed. */
  public CompletableFuture<WaitForOutcome> start() {
    if (group != null) {
      throw new IllegalStateException("already started");
    }
    long startNanos = System.nanoTime();
    group = transport.newGroup(1, new DefaultThreadFactory("nettool-wait", true));
    loop = group.next();
    resolving = Executors.newCachedThreadPool(new DefaultThreadFactory("nettool-wait-resolve", true));
    List<CompletableFuture<Void>> readies = new ArrayList<>();
    for (Endpoint target : config.targets()) {
      probes.add(new WaitForProbe(target, null, config, transport, loop, resolving, resolver, sink, startNanos));
    }
    for (HttpUrl url : config.httpTargets()) {
      probes.add(new WaitForProbe(url.endpoint(), url, config, transport, loop, resolving, resolver, sink,
          startNanos));
    }
    probes.forEach(p -> readies.add(p.ready()));
    CompletableFuture.allOf(readies.toArray(CompletableFuture[]::new))
        .thenRun(() -> outcome.complete(new WaitForOutcome(List.of(), since(startNanos))));
    loop.execute(() -> probes.forEach(WaitForProbe::start));
    if (!config.timeout().isZero()) {
      loop.schedule(() -> expire(startNanos), config.timeout().toNanos(), TimeUnit.NANOSECONDS);
    }
    return outcome;
  }

  /** The transport actually in use. */
  public Transport transport() {
    return transport;
  }

  // Runs on the loop, like every probe callback, so "ready" cannot slip in between the check and the stop.
  private void expire(long startNanos) {
    List<String> pending = new ArrayList<>();
    for (WaitForProbe p : probes) {
      if (!p.ready().isDone()) {
        pending.add(p.display());
      }
      p.stop();
    }
    outcome.complete(new WaitForOutcome(pending, since(startNanos)));
  }

  /** Stops every probe and releases the threads; an unfinished outcome is cancelled. */
  @Override
  public void close() {
    if (group == null) {
      return;
    }
    outcome.cancel(false);
    loop.submit(() -> probes.forEach(WaitForProbe::stop)).awaitUninterruptibly(2, TimeUnit.SECONDS);
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    resolving.shutdownNow();
  }

  private static Duration since(long startNanos) {
    return Duration.ofNanos(System.nanoTime() - startNanos);
  }
}
