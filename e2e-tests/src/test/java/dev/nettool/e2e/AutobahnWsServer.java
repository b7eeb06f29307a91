package dev.nettool.e2e;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The server the Autobahn fuzzing client ({@code mvn -Pautobahn}) runs against: {@code nettool ws-server} from the
 * built jar as a child process on the address and port the plugin gives, in echo mode with limits large enough for case group
 * 9 (16 MB messages). Returns once the ready line is out; the child dies with the build's JVM.
 */
public final class AutobahnWsServer {
  private AutobahnWsServer() {}

  // The plugin connects to the address the local host name resolves to, falling back to 127.0.0.1.
  private static String host() {
    try {
      return InetAddress.getLocalHost().getHostAddress();
    } catch (UnknownHostException e) {
      return "127.0.0.1";
    }
  }

  public static void main(String[] args) throws IOException {
    Path jar = Path.of(System.getProperty("nettool.jar", "cli/target/nettool.jar"));
    if (!Files.isRegularFile(jar)) {
      jar = Path.of("..", "cli", "target", "nettool.jar");
    }
    List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
        jar.toString(), "ws-server", "--host", host(), "--port", args[0], "-q", "--max-frame", "16MB", "--max-message", "16MB");
    Process server = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    Runtime.getRuntime().addShutdownHook(new Thread(server::destroyForcibly));
    BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
    String ready = out.readLine();
    System.out.println("autobahn target: " + ready);
    Thread drain = new Thread(() -> out.lines().forEach(System.out::println), "autobahn-target-output");
    drain.setDaemon(true);
    drain.start();
  }
}
