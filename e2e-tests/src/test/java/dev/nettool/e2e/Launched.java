package dev.nettool.e2e;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Everything a test started: nettool processes and peers. Registered as an extension
 * ({@code @RegisterExtension final Launched launched = new Launched();}), it kills whatever is still
 * running after each test, through the {@link Process} handles only.
 */
final class Launched implements AutoCloseable, AfterEachCallback {
  private final List<AutoCloseable> started = new ArrayList<>();

  /** Starts {@code java -jar $nettool.jar ARGS} with an empty stdin and events on stdout. */
  NettoolProcess nettool(String... args) {
    return nettool(new NettoolProcess.Spec(List.of(args)));
  }

  NettoolProcess nettool(NettoolProcess.Spec spec) {
    NettoolProcess p = spec.start();
    started.add(p);
    return p;
  }

  /** Starts a peer program with {@code stdin} written then closed ({@code null}: left open). */
  Peer peer(byte[] stdin, String... command) {
    Peer p = Peer.start(stdin, command);
    started.add(p);
    return p;
  }

  @Override
  public void afterEach(ExtensionContext context) {
    close();
  }

  @Override
  public void close() {
    for (AutoCloseable c : started) {
      try {
        c.close();
      } catch (Exception e) {
        // keep killing the rest
      }
    }
    started.clear();
  }

  /** Kills a child we started, and whatever it started (socat's forks), and waits briefly for it. */
  static void kill(Process process) {
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
    try {
      process.waitFor(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
