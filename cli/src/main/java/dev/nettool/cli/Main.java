package dev.nettool.cli;

import dev.nettool.protocols.transport.Transport;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;

/** The process entry point: the only place that calls {@code System.exit}. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), false);
    PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), true);
    prepare(args, err);
    if (args.length > 0 && !args[0].startsWith("-") && !args[0].equals("cert")) {
      // A network command: Netty's native transport loads while picocli reads the options.
      Transport.preload();
    }
    CompletableFuture<String> stop = Signals.install();
    CliContext ctx = new CliContext(System.in, out, err, System.getenv(), stop, System.console() != null);
    int code = Nettool.run(ctx, args);
    out.flush();
    err.flush();
    System.exit(code);
  }

  /**
   * Process-wide settings made before any Netty class loads; the launcher's class-data training
   * run makes them too, so that its archive holds the classes a real run loads.
   */
  static void prepare(String[] args, PrintStream err) {
    // Netty 4.2's pooled allocator reports JFR events; starting JFR's machinery costs the first
    // read of a run about 100 ms. A short-lived test tool has no recording to feed, so it is off
    // unless asked for (-Dio.netty.jfr.enabled=true).
    if (System.getProperty("io.netty.jfr.enabled") == null) {
      System.setProperty("io.netty.jfr.enabled", "false");
    }
    // Leak detection samples buffers at a cost of a few percent of echo throughput; the tests run
    // it at "paranoid", a run of the tool does not need it (-Dio.netty.leakDetection.level=simple).
    if (System.getProperty("io.netty.leakDetection.level") == null) {
      System.setProperty("io.netty.leakDetection.level", "disabled");
    }
    if (!Arrays.asList(args).contains("--debug")) {
      NettyLog.install(err);
    }
    // picocli's default factory looks for Groovy's Closure class when it first loads; the class is
    // not in the jar, and the failed search read the jar's 14,000-entry directory (8 ms of a one-shot
    // client). No command uses a closure in an annotation.
    if (System.getProperty("picocli.disable.closures") == null) {
      System.setProperty("picocli.disable.closures", "true");
    }
    nameSelectorProvider();
    // Netty stamps every channel id with the process id, found through ProcessHandle by reflection,
    // and a machine id, found by listing the network interfaces for a MAC address: 3 ms of a
    // one-shot client, for ids that nettool never shows and that only need to tell its own
    // channels apart. Given random ones, it uses those.
    if (System.getProperty("io.netty.processId") == null) {
      System.setProperty("io.netty.processId", Integer.toString(ThreadLocalRandom.current().nextInt(0x400000)));
    }
    if (System.getProperty("io.netty.machineId") == null) {
      // Eight random bytes as an EUI-64, "xx:xx:xx:xx:xx:xx:xx:xx", the form Netty parses.
      String hex = Long.toHexString(ThreadLocalRandom.current().nextLong() | 1L << 63);
      StringBuilder id = new StringBuilder(23);
      for (int i = 0; i < 16; i += 2) {
        id.append(i == 0 ? "" : ":").append(hex, i, i + 2);
      }
      System.setProperty("io.netty.machineId", id.toString());
    }
  }

  /**
   * On Linux the JDK's selector provider is its epoll one; naming it spares the search of the class
   * path for another that {@code SelectorProvider.provider()} makes otherwise (Netty opens a Selector
   * when its epoll transport loads), a search that reads the jar's 14,000-entry directory: with the
   * native libraries beside the jar, it was the one read of it left in a one-shot client.
   */
  static void nameSelectorProvider() {
    String property = "java.nio.channels.spi.SelectorProvider";
    String epoll = "sun.nio.ch.EPollSelectorProvider";
    if (System.getProperty(property) != null || !"Linux".equals(System.getProperty("os.name"))) {
      return;
    }
    try {
      Class.forName(epoll, false, null);
      System.setProperty(property, epoll);
    } catch (ClassNotFoundException e) {
      // another JDK layout: the JDK finds its provider the usual way
    }
  }
}
